import { jest } from '@jest/globals';
import { applyBatchItem } from '../batches/batch-commands.js';
import { BATCH_OPERATIONS } from '../batches/batch-operations.js';
import type { BatchRecord } from '../batches/batch-records.js';
import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';

const LOCK_MS = 5 * 60_000;

const waiting = bpmn('waiting', `
  <startEvent id="start"/>
  <userTask id="work"/>
  <endEvent id="end"/>
  ${flows('start', 'work', 'end')}`);

/** the job fails (no `ready`) until the variable is set; three tries at once, then an incident */
const failing = bpmn('failing', `
  <startEvent id="start"/>
  <serviceTask id="sync" camunda:asyncBefore="true" camunda:expression="\${ready}"/>
  <userTask id="synced"/>
  ${flows('start', 'sync', 'synced')}`);

async function harness(sizing = { invocationsPerBatchJob: 3, batchJobsPerSeed: 2 }): Promise<EngineHarness> {
  const h = new EngineHarness({ batches: sizing });
  await h.deploy(waiting, failing);
  return h;
}

async function startMany(h: EngineHarness, key: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await h.start(key));
  return ids;
}

const batchOf = (h: EngineHarness, id: string): BatchRecord => h.store.batches.rows.get(id)!.batch;
const itemStatuses = (h: EngineHarness, id: string) => h.store.batches.itemsOf(id).map((i) => i.status);
const batchJobs = (h: EngineHarness, type: 'batch-seed' | 'batch-chunk') => [...h.store.jobs.values()].filter((j) => j.type === type);

function deletion(h: EngineHarness, ids: readonly string[]): Promise<BatchRecord> {
  return h.engine.createBatch({ type: 'instance-deletion', targetIds: ids, configuration: { deleteReason: 'cleanup' }, createUserId: 'oscar' });
}

describe('feature: batches', () => {
  it('splits the items into chunk jobs that a seed job creates a few at a time, and ends when all chunks are done', async () => {
    // given 7 waiting instances and a batch of 3 items per chunk, 2 chunks per seed run
    const h = await harness();
    const ids = await startMany(h, 'waiting', 7);

    // when the batch is created
    const batch = await deletion(h, ids);

    // then it needs 3 chunk jobs; only the seed job exists yet
    expect(batch).toMatchObject({ type: 'instance-deletion', totalJobs: 3, jobsCreated: 0, totalItems: 7, invocationsPerBatchJob: 3, batchJobsPerSeed: 2, createUserId: 'oscar', endTime: null });
    expect(h.store.batches.itemsOf(batch.id).map((i) => [i.targetId, i.chunk])).toEqual(ids.map((id, i) => [id, Math.floor(i / 3)]));
    expect(batchJobs(h, 'batch-seed')).toHaveLength(1);
    expect(batchJobs(h, 'batch-chunk')).toHaveLength(0);

    // when the seed runs once: two chunk jobs, and the seed waits for its next run
    const seed = batchJobs(h, 'batch-seed')[0]!;
    expect(await h.engine.jobs.execute(seed.id)).toBe('done');
    expect(batchJobs(h, 'batch-chunk').map((j) => j.payload.chunk)).toEqual([0, 1]);
    expect(batchOf(h, batch.id)).toMatchObject({ jobsCreated: 2, executionStartTime: h.clock.now() });
    expect(batchJobs(h, 'batch-seed')).toHaveLength(1);

    // when every due job runs: the last chunk is created, all items are deleted, the batch ends
    await h.runDueJobs();
    expect(batchJobs(h, 'batch-seed')).toHaveLength(0);
    expect(batchJobs(h, 'batch-chunk')).toHaveLength(0);
    expect(itemStatuses(h, batch.id)).toEqual(Array(7).fill('done'));
    expect(batchOf(h, batch.id)).toMatchObject({ jobsCreated: 3, completedJobs: 3, endTime: h.clock.now() });
    for (const id of ids) expect(h.historicInstance(id)).toMatchObject({ state: 'EXTERNALLY_TERMINATED', deleteReason: 'cleanup' });
    expect(h.store.instances.size).toBe(0);
  });

  it('applies each item once when a chunk job is delivered again, also after a worker died half-way through it', async () => {
    const h = await harness({ invocationsPerBatchJob: 4, batchJobsPerSeed: 10 });
    const ids = await startMany(h, 'waiting', 4);
    const batch = await deletion(h, ids);
    await h.engine.jobs.execute(batchJobs(h, 'batch-seed')[0]!.id);
    const chunk = batchJobs(h, 'batch-chunk')[0]!;

    // a worker claims the chunk, deletes the first instance, and dies before it finishes
    expect(await h.store.claimJob(chunk.id, 'dead-worker', LOCK_MS)).not.toBeNull();
    expect(await h.engine.runCommand((scope) => applyBatchItem(scope, batch.id, 0, BATCH_OPERATIONS['instance-deletion']))).toBe('applied');
    // a duplicate delivery while its lock holds does nothing
    expect(await h.engine.jobs.execute(chunk.id)).toBe('skipped');
    expect(itemStatuses(h, batch.id)).toEqual(['done', 'pending', 'pending', 'pending']);
    // and running the done item again is refused before it touches anything
    expect(await h.engine.runCommand((scope) => applyBatchItem(scope, batch.id, 0, BATCH_OPERATIONS['instance-deletion']))).toBe('not-pending');

    // when the lock expires, the job runs again and does only what is left
    await h.advance(LOCK_MS + 1);
    expect(itemStatuses(h, batch.id)).toEqual(['done', 'done', 'done', 'done']);
    expect(batchOf(h, batch.id).endTime).not.toBeNull();
    // the first instance was not deleted a second time (that would have recorded it as skipped)
    expect(h.store.batches.itemsOf(batch.id).every((i) => i.message === null)).toBe(true);

    // and a delivery after the job is gone, or an item run after the batch ended, changes nothing
    expect(await h.engine.jobs.execute(chunk.id)).toBe('skipped');
    expect(await h.engine.runCommand((scope) => applyBatchItem(scope, batch.id, 1, BATCH_OPERATIONS['instance-deletion']))).toBe('batch-stopped');
    expect(batchOf(h, batch.id).completedJobs).toBe(1);
  });

  it('sets job retries over failed jobs; the incidents resolve and the jobs run again', async () => {
    const h = await harness();
    const ids = await startMany(h, 'failing', 4);
    for (let i = 0; i < 3; i++) await h.runDueJobs();
    const failed = [...h.store.jobs.values()].filter((j) => j.retries === 0);
    expect(failed).toHaveLength(4);
    expect(h.store.incidents.size).toBe(4);
    for (const id of ids) await h.engine.modifyVariables(id, typed({ ready: true }));

    const batch = await h.engine.createBatch({ type: 'set-job-retries', targetIds: failed.map((j) => j.id), configuration: { retries: 1 }, createUserId: null });
    await h.runDueJobs();

    expect(itemStatuses(h, batch.id)).toEqual(Array(4).fill('done'));
    expect(h.store.incidents.size).toBe(0);
    for (const id of ids) expect(h.activeElements(id)).toEqual(['synced']);
  });

  it('records a failing item with its message and goes on with the others', async () => {
    const h = await harness();
    const ids = await startMany(h, 'waiting', 5);
    const original = BATCH_OPERATIONS['instance-deletion'];
    // the second instance's command fails (as a store or model error would); the others are ordinary deletions
    const replaced = jest.spyOn(BATCH_OPERATIONS, 'instance-deletion').mockImplementation(async (scope, id, configuration) => {
      if (id === ids[1]) throw new Error('Expected the archive to accept the instance, but it is read-only');
      await original(scope, id, configuration);
    });
    try {
      const batch = await deletion(h, [...ids, 'no-such-instance']);
      await h.runDueJobs();

      expect(h.store.batches.itemsOf(batch.id).map((i) => [i.status, i.message])).toEqual([
        ['done', null],
        ['failed', 'Expected the archive to accept the instance, but it is read-only'],
        ['done', null],
        ['done', null],
        ['done', null],
        ['skipped', "Process instance with id 'no-such-instance' does not exist"],
      ]);
      expect(batchOf(h, batch.id).endTime).not.toBeNull();
      expect([...h.store.instances.keys()]).toEqual([ids[1]]);
    } finally {
      replaced.mockRestore();
    }
  });

  it('fails a chunk job like any job when it cannot record its items: retries, then it waits until it gets retries back', async () => {
    const h = await harness({ invocationsPerBatchJob: 10, batchJobsPerSeed: 10 });
    const ids = await startMany(h, 'waiting', 3);
    const batch = await deletion(h, ids);
    await h.engine.jobs.execute(batchJobs(h, 'batch-seed')[0]!.id);
    // every commit that would record an item's outcome fails (as a broken database would)
    const broken = jest.spyOn(h.store.batches, 'check').mockImplementation((changes) => {
      if (changes.outcomes.length > 0) throw new Error('Expected the batch_item table to accept the outcome, but it is read-only');
    });
    try {
      for (let run = 0; run < 3; run++) await h.advance(60_000);
      const [chunk] = batchJobs(h, 'batch-chunk');
      expect(chunk).toMatchObject({ retries: 0, exceptionMessage: 'Expected the batch_item table to accept the outcome, but it is read-only' });
      expect(itemStatuses(h, batch.id)).toEqual(['pending', 'pending', 'pending']);
      expect(h.store.instances.size).toBe(3);
      expect(batchOf(h, batch.id).endTime).toBeNull();
    } finally {
      broken.mockRestore();
    }
    await h.advance(60_000);
    expect(itemStatuses(h, batch.id)).toEqual(['pending', 'pending', 'pending']);

    await h.engine.setJobRetries(batchJobs(h, 'batch-chunk')[0]!.id, 1);
    await h.runDueJobs();
    expect(itemStatuses(h, batch.id)).toEqual(['done', 'done', 'done']);
    expect(batchOf(h, batch.id).endTime).not.toBeNull();
  });

  it('does not run a suspended batch, and finishes it once it is activated', async () => {
    const h = await harness();
    const ids = await startMany(h, 'waiting', 6);
    const batch = await deletion(h, ids);
    await h.engine.jobs.execute(batchJobs(h, 'batch-seed')[0]!.id);

    await h.engine.setBatchSuspended(batch.id, true);
    await h.runDueJobs();
    await h.advance(LOCK_MS + 1);

    expect(batchOf(h, batch.id).suspended).toBe(true);
    expect(itemStatuses(h, batch.id)).toEqual(Array(6).fill('pending'));
    expect(batchJobs(h, 'batch-chunk').every((j) => j.suspended)).toBe(true);
    expect(h.store.instances.size).toBe(6);

    const dispatched = h.dispatcher.dispatched.length;
    await h.engine.setBatchSuspended(batch.id, false);
    // activation hands the jobs to the dispatcher again
    expect(h.dispatcher.dispatched.slice(dispatched).map((j) => j.id).sort()).toEqual(batchJobs(h, 'batch-chunk').map((j) => j.id).sort());
    await h.runDueJobs();
    expect(itemStatuses(h, batch.id)).toEqual(Array(6).fill('done'));
    expect(batchOf(h, batch.id).endTime).not.toBeNull();
  });

  it('deletes a running batch: its jobs go, pending items are canceled, the history stays unless cascading', async () => {
    const h = await harness();
    const ids = await startMany(h, 'waiting', 4);
    const kept = await deletion(h, ids.slice(0, 2));
    const gone = await deletion(h, ids.slice(2));

    await h.engine.deleteBatch(kept.id, false);
    await h.engine.deleteBatch(gone.id, true);
    await h.runDueJobs();

    expect([...h.store.jobs.values()]).toEqual([]);
    expect(batchOf(h, kept.id).endTime).toEqual(h.clock.now());
    expect(itemStatuses(h, kept.id)).toEqual(['canceled', 'canceled']);
    expect(h.store.batches.rows.has(gone.id)).toBe(false);
    expect(h.store.batches.itemsOf(gone.id)).toEqual([]);
    expect(h.store.instances.size).toBe(4);
    await expect(h.engine.deleteBatch(kept.id, false)).rejects.toThrow(`Batch with id '${kept.id}' does not exist`);
    await expect(h.engine.setBatchSuspended(gone.id, true)).rejects.toThrow(`Batch with id '${gone.id}' does not exist`);
  });

  it('refuses an empty selection and negative retries, and changes nothing', async () => {
    const h = await harness();
    await expect(h.engine.createBatch({ type: 'instance-deletion', targetIds: [], configuration: {}, createUserId: null })).rejects.toThrow('the selection is empty');
    await expect(h.engine.createBatch({ type: 'set-job-retries', targetIds: ['j'], configuration: { retries: -1 }, createUserId: null })).rejects.toThrow('Expected retries to be an integer of at least 0');
    expect(h.store.batches.rows.size).toBe(0);
    expect(h.store.jobs.size).toBe(0);
  });
});
