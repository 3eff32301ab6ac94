import { TimeOrderedIds } from './time-ordered-ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('TimeOrderedIds', () => {
  it('gives version 7 UUIDs that sort in the order they were made, within one millisecond too', () => {
    let now = 1_765_000_000_000;
    const ids = new TimeOrderedIds(() => now);
    const made: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      if (i % 500 === 0) now += 1;
      made.push(ids.next());
    }
    for (const id of made) expect(id).toMatch(UUID_V7);
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('carries the time in its first 48 bits', () => {
    const now = Date.UTC(2026, 11, 7, 5, 0, 0);
    const id = new TimeOrderedIds(() => now).next();
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });

  it('keeps its order when the clock steps back', () => {
    let now = 1_765_000_000_000;
    const ids = new TimeOrderedIds(() => now);
    const first = ids.next();
    now -= 5_000;
    const second = ids.next();
    expect(second > first).toBe(true);
  });

  it('takes fresh random bytes for each id, past the end of its pool', () => {
    const ids = new TimeOrderedIds(() => 1_765_000_000_000);
    const tails = new Set(Array.from({ length: 1_000 }, () => ids.next().slice(-12)));
    expect(tails.size).toBe(1_000);
  });
});
