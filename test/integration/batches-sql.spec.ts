import { randomUUID } from 'node:crypto';
import { BullmqDispatcher } from '../../engine/adapters/jobs/bullmq-dispatcher.js';
import { applyBatchItem } from '../../engine/core/batches/batch-commands.js';
import { BATCH_OPERATIONS } from '../../engine/core/batches/batch-operations.js';
import { Engine } from '../../engine/core/engine.js';
import type { JobDispatcher } from '../../engine/core/ports/job-dispatcher.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { openSqlEngine, until, type SqlEngineFixture } from '../support/sql-engine.js';

// starting PGlite and 240 instances takes a while on a busy machine

const INSTANCES = 240;
const SIZING = { invocationsPerBatchJob: 8, batchJobsPerSeed: 10 };

const waiting = bpmn('batch_target', `
  <startEvent id="start"/>
  <userTask id="work"/>
  <endEvent id="end"/>
  ${flows('start', 'work', 'end')}`);

async function deployAndStart(fx: SqlEngineFixture, count: number): Promise<string[]> {
  await fx.engine.deploy({ name: 'batch', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false, resources: [{ name: 'target.bpmn', content: waiting }] });
  const ids: string[] = [];
  for (let i = 0; i < count; i += 20) {
    const started = await Promise.all(Array.from({ length: Math.min(20, count - i) }, () =>
      fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'batch_target' }, businessKey: null, variables: new Map() })));
    ids.push(...started.map((s) => s.instance.id));
  }
  return ids;
}

async function count(fx: SqlEngineFixture, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await fx.db.dataSource.query(sql, params);
  return Number(row.n);
}

/** every item done exactly once: all instances deleted, each item 'done' (a second attempt would have found its target gone) */
async function expectDoneOnce(fx: SqlEngineFixture, batchId: string, ids: readonly string[]): Promise<void> {
  await until(async () => (await count(fx, 'SELECT count(*)::int AS n FROM engine.batch WHERE id = $1 AND end_time IS NOT NULL', [batchId])) === 1, 120_000, 'the batch to end');
  const items = await fx.db.dataSource.query('SELECT status, message, count(*)::int AS n FROM engine.batch_item WHERE batch_id = $1 GROUP BY status, message', [batchId]);
  expect(items).toEqual([{ status: 'done', message: null, n: ids.length }]);
  const [batch] = await fx.db.dataSource.query('SELECT total_jobs, jobs_created, completed_jobs FROM engine.batch WHERE id = $1', [batchId]);
  expect(batch).toEqual({ total_jobs: INSTANCES / 8, jobs_created: INSTANCES / 8, completed_jobs: INSTANCES / 8 });
  expect(await count(fx, 'SELECT count(*)::int AS n FROM engine.process_instance')).toBe(0);
  expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_process_instance WHERE state = 'EXTERNALLY_TERMINATED' AND delete_reason = 'batch'`)).toBe(ids.length);
  expect(await count(fx, 'SELECT count(*)::int AS n FROM engine.job')).toBe(0);
}

describe('batches on the SQL store', () => {
  describe('every delivery reaches two nodes at once, and a node dies half-way through a chunk', () => {
    let fx: SqlEngineFixture;
    let otherNode: Engine;

    beforeAll(async () => {
      fx = await openSqlEngine({ reconcileMs: 300, batches: SIZING });
      otherNode = new Engine({
        store: fx.store, dispatcher: fx.dispatcher, clock: { now: () => new Date() }, ids: { next: () => randomUUID() },
        handlers: { handlerFor: () => undefined }, workerId: 'other-node', jobLockMs: 60_000, batches: SIZING,
      });
    });
    afterAll(() => fx.close());

    it(`deletes ${INSTANCES} instances, each exactly once`, async () => {
      const ids = await deployAndStart(fx, INSTANCES);
      const batch = await fx.engine.createBatch({ type: 'instance-deletion', targetIds: ids, configuration: { deleteReason: 'batch' }, createUserId: null });

      // the seed creates the first chunk jobs; a node claims chunk 0, deletes three of its instances and dies (its lock runs out after 1 s)
      const seedId = (await fx.db.dataSource.query(`SELECT id FROM engine.job WHERE type = 'batch-seed'`))[0].id;
      expect(await fx.engine.jobs.execute(seedId)).toBe('done');
      const [chunk] = await fx.db.dataSource.query(`SELECT id FROM engine.job WHERE type = 'batch-chunk' AND (payload->>'chunk')::int = 0`);
      expect(await fx.store.claimJob(chunk.id, 'dead-node', 1_000)).not.toBeNull();
      for (const seq of [0, 1, 2]) {
        expect(await fx.engine.runCommand((scope) => applyBatchItem(scope, batch.id, seq, BATCH_OPERATIONS['instance-deletion']))).toBe('applied');
      }

      // from now on, every job handed over runs on both nodes at the same time
      await fx.dispatcher.start(async (jobId) => {
        await Promise.all([fx.engine.jobs.execute(jobId), otherNode.jobs.execute(jobId)]);
      });
      fx.reconciler.start();
      await expectDoneOnce(fx, batch.id, ids);
    }, 180_000);
  });

  describe('the queue loses every job handed to it', () => {
    let fx: SqlEngineFixture;
    let handedOver = 0;

    beforeAll(async () => {
      // after each commit the engine's hand-over goes nowhere (a Redis flush after every dispatch); only the reconciler delivers
      const losing = (real: JobDispatcher): JobDispatcher => ({
        kind: 'losing',
        start: (runner) => real.start(runner),
        dispatch: async (jobs) => {
          handedOver += jobs.length;
        },
        redispatch: (jobs) => real.redispatch(jobs),
        stop: () => real.stop(),
        check: () => real.check(),
      });
      fx = await openSqlEngine({ reconcileMs: 300, batches: SIZING, engineDispatcher: losing });
    });
    afterAll(() => fx.close());

    it(`still deletes all ${INSTANCES} instances: the reconciler finds the due job rows`, async () => {
      const ids = await deployAndStart(fx, INSTANCES);
      const batch = await fx.engine.createBatch({ type: 'instance-deletion', targetIds: ids, configuration: { deleteReason: 'batch' }, createUserId: null });
      if (fx.dispatcher instanceof BullmqDispatcher) await fx.dispatcher.drain();

      await fx.startJobs();
      await expectDoneOnce(fx, batch.id, ids);
      // the seed's runs and every chunk job were handed over, and all of them were lost
      expect(handedOver).toBeGreaterThanOrEqual(INSTANCES / 8 + 1);
    }, 180_000);
  });
});
