import { CoalescingAppender } from './coalescing-appender.js';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('CoalescingAppender', () => {
  it('writes the first item at once and what arrives meanwhile together, after it', async () => {
    const writes: string[][] = [];
    const gates: Array<ReturnType<typeof deferred>> = [];
    const appender = new CoalescingAppender<string>(async (items) => {
      writes.push([...items]);
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
    });
    const first = appender.append('a');
    const second = appender.append('b');
    const third = appender.append('c');
    expect(writes).toEqual([['a']]);
    gates[0]!.resolve();
    await first;
    await Promise.resolve();
    expect(writes).toEqual([['a'], ['b', 'c']]);
    let thirdDone = false;
    void third.then(() => (thirdDone = true));
    await Promise.resolve();
    expect(thirdDone).toBe(false);
    gates[1]!.resolve();
    await Promise.all([second, third]);
  });

  it('fails only the callers of the write that failed', async () => {
    let calls = 0;
    const appender = new CoalescingAppender<number>(async () => {
      calls += 1;
      if (calls === 1) throw new Error('disk full');
    });
    const failed = appender.append(1);
    const fine = appender.append(2);
    await expect(failed).rejects.toThrow('disk full');
    await expect(fine).resolves.toBeUndefined();
    await expect(appender.append(3)).resolves.toBeUndefined();
  });

  it('writes at most maxBatch items at a time', async () => {
    const sizes: number[] = [];
    const appender = new CoalescingAppender<number>(async (items) => {
      sizes.push(items.length);
      await new Promise((resolve) => setImmediate(resolve));
    }, 2);
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => appender.append(n)));
    expect(sizes).toEqual([1, 2, 2, 1]);
  });
});
