import type { ClaimedJob } from '../../core/jobs/job-executor.js';
import type { JobRecord } from '../../core/execution/records.js';
import type { InstanceSnapshot } from '../../core/execution/instance-aggregate.js';
import { DueJobPoller } from './due-job-poller.js';

function job(i: number): JobRecord {
  return { id: `job-${i}`, processInstanceId: `pi-${i}`, type: 'timer', lockOwner: 'node' } as unknown as JobRecord;
}

/** a store with `due` jobs due now, all claimable in the first claims */
function storeWith(due: number) {
  const rows = Array.from({ length: due }, (_, i) => job(i));
  return {
    claimDueJobs: async (_owner: string, _lockMs: number, limit: number) => rows.splice(0, limit),
    loadInstances: async (ids: readonly string[]) => ids.map((id) => ({ instance: { id }, revision: 1 }) as unknown as InstanceSnapshot),
    msUntilNextDueJob: async () => null,
  };
}

async function handedOut(settings: { due: number; concurrency: number; batch: number; group?: number }): Promise<number[]> {
  const sizes: number[] = [];
  const poller = new DueJobPoller(storeWith(settings.due), 'node', { ...settings, lockMs: 60_000, idleMs: 60_000 }, (error) => {
    throw error;
  });
  let handed = 0;
  const all = new Promise<void>((resolve) => {
    poller.start(async (claims: readonly ClaimedJob[]) => {
      sizes.push(claims.length);
      await new Promise((r) => setTimeout(r, 5));
      handed += claims.length;
      if (handed === settings.due) resolve();
    });
  });
  await all;
  await poller.stop();
  return sizes;
}

describe('the due-job poller hands claimed jobs to its runners', () => {
  it('one at a time without a group size', async () => {
    const sizes = await handedOut({ due: 6, concurrency: 2, batch: 6 });
    expect(sizes).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('a backlog shared among the free runners, each share at most the group size', async () => {
    const sizes = await handedOut({ due: 30, concurrency: 2, batch: 10, group: 4 });
    expect(Math.max(...sizes)).toBe(4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(30);
    expect(sizes.length).toBeLessThan(30);
  });

  it('no more to one runner than its share when few are due', async () => {
    const sizes = await handedOut({ due: 4, concurrency: 4, batch: 10, group: 20 });
    expect(sizes).toEqual([1, 1, 1, 1]);
  });

  it('every job with its instance as read after the claim', async () => {
    const seen: ClaimedJob[] = [];
    const poller = new DueJobPoller(storeWith(3), 'node', { concurrency: 1, batch: 3, group: 3, lockMs: 60_000, idleMs: 60_000 }, (error) => {
      throw error;
    });
    await new Promise<void>((resolve) => {
      poller.start(async (claims) => {
        seen.push(...claims);
        resolve();
      });
    });
    await poller.stop();
    expect(seen.map((c) => [c.job.id, c.instance?.instance.id])).toEqual([['job-0', 'pi-0'], ['job-1', 'pi-1'], ['job-2', 'pi-2']]);
  });
});
