import { Redis } from 'ioredis';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { openSqlEngine, until, type SqlEngineFixture } from '../support/sql-engine.js';

/**
 * BullMQ on Redis loses part of what it holds (an eviction, a failover to a lagging replica, a
 * partial flush): the sets it delivers from, the job records, or everything. The job rows are the
 * truth, so the reconciler hands every due row over again in a way the leftovers cannot swallow,
 * and each job runs once: timers, async continuations and batch jobs.
 */
const PER_KIND = 15;

const timers = bpmn('loss_timer', `
  <startEvent id="start"/>
  <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT3S</timeDuration></timerEventDefinition></intermediateCatchEvent>
  <endEvent id="end"/>
  ${flows('start', 'wait', 'end')}`);

const continuations = bpmn('loss_async', `
  <startEvent id="start"/>
  <scriptTask id="work" scriptFormat="juel" camunda:asyncBefore="true" camunda:resultVariable="done"><script>\${true}</script></scriptTask>
  <endEvent id="end"/>
  ${flows('start', 'work', 'end')}`);

const batchTargets = bpmn('loss_batch_target', `
  <startEvent id="start"/>
  <userTask id="work"/>
  <endEvent id="end"/>
  ${flows('start', 'work', 'end')}`);

type Loss = 'the sets it delivers from' | 'the job records' | 'everything';

/** the keys of the queue that a loss of this kind removes */
async function keysLostIn(redis: Redis, prefix: string, loss: Loss): Promise<string[]> {
  const keys = await redis.keys(`${prefix}:engine-jobs:*`);
  const record = (key: string) => /:[0-9a-f-]{36}_\d+$/.test(key);
  const deliverySet = (key: string) => /:(wait|delayed|prioritized|paused|marker|active)$/.test(key);
  if (loss === 'the job records') return keys.filter(record);
  if (loss === 'the sets it delivers from') return keys.filter(deliverySet);
  return keys;
}

async function count(fx: SqlEngineFixture, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await fx.db.dataSource.query(sql, params);
  return Number(row.n);
}

async function startAll(fx: SqlEngineFixture, key: string): Promise<string[]> {
  const started = await Promise.all(Array.from({ length: PER_KIND }, () =>
    fx.engine.startProcessInstance({ definition: { by: 'latest', key }, businessKey: null, variables: new Map() })));
  return started.map((s) => s.instance.id);
}

const withRedis = process.env['REDIS_URL'] ? describe : describe.skip;

withRedis('the queue loses part of its keys (BullMQ on Redis)', () => {
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(process.env['REDIS_URL']!, { maxRetriesPerRequest: null });
  });
  afterAll(() => redis?.quit());

  it.each<Loss>(['the sets it delivers from', 'the job records', 'everything'])('loses %s: every timer, continuation and batch job runs once', async (loss) => {
    const fx = await openSqlEngine({ reconcileMs: 300 });
    try {
      await fx.engine.deploy({
        name: 'loss', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false,
        resources: [{ name: 'timer.bpmn', content: timers }, { name: 'async.bpmn', content: continuations }, { name: 'target.bpmn', content: batchTargets }],
      });
      // no worker yet: every job is handed to the queue and waits there
      await startAll(fx, 'loss_timer');
      await startAll(fx, 'loss_async');
      const targets = await startAll(fx, 'loss_batch_target');
      const batch = await fx.engine.createBatch({ type: 'instance-deletion', targetIds: targets, configuration: { deleteReason: 'loss' }, createUserId: null });

      const lost = await keysLostIn(redis, fx.queuePrefix!, loss);
      expect(lost.length).toBeGreaterThan(0);
      await redis.del(...lost);

      await fx.startJobs();
      await until(async () => (await count(fx,
        `SELECT count(*)::int AS n FROM engine.hist_process_instance WHERE state = 'COMPLETED' AND definition_key IN ('loss_timer', 'loss_async')`)) === 2 * PER_KIND,
      120_000, `${2 * PER_KIND} completed instances`);
      await until(async () => (await count(fx, 'SELECT count(*)::int AS n FROM engine.batch WHERE id = $1 AND end_time IS NOT NULL', [batch.id])) === 1,
        120_000, 'the batch to end');

      expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE activity_id = 'wait'`)).toBe(PER_KIND);
      expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE activity_id = 'work' AND definition_key = 'loss_async'`)).toBe(PER_KIND);
      expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE activity_id = 'end'`)).toBe(2 * PER_KIND);
      expect(await count(fx, `SELECT count(*)::int AS n FROM engine.batch_item WHERE batch_id = $1 AND status = 'done'`, [batch.id])).toBe(PER_KIND);
      expect(await count(fx, 'SELECT count(*)::int AS n FROM engine.process_instance WHERE id = ANY($1::text[])', [targets])).toBe(0);
      expect(await count(fx, 'SELECT count(*)::int AS n FROM engine.job')).toBe(0);
    } finally {
      await fx.close();
    }
  });
});
