import { randomUUID } from 'node:crypto';
import { DueJobPoller } from '../../engine/adapters/jobs/due-job-poller.js';
import { Engine } from '../../engine/core/engine.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { inferTypedValue } from '../../engine/core/variables/index.js';
import { openSqlEngine, until, type SqlEngineFixture } from '../support/sql-engine.js';

/**
 * The due-job poller claims due rows in batches straight from the database and runs them; two
 * nodes' pollers on one database share the rows without running any twice, and a row a dead node
 * had claimed is run once its lock lapses, not before.
 */
const INSTANCES = 60;

const timer = bpmn('polled_timer', `
  <startEvent id="start"/>
  <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1S</timeDuration></timerEventDefinition></intermediateCatchEvent>
  <endEvent id="end"/>
  ${flows('start', 'wait', 'end')}`);

async function count(fx: SqlEngineFixture, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await fx.db.dataSource.query(sql, params);
  return Number(row.n);
}

function engineOn(fx: SqlEngineFixture, workerId: string): Engine {
  return new Engine({
    store: fx.store,
    dispatcher: fx.dispatcher,
    clock: { now: () => new Date() },
    ids: { next: () => randomUUID() },
    handlers: { handlerFor: () => undefined },
    workerId,
    jobLockMs: 60_000,
  });
}

function pollerFor(fx: SqlEngineFixture, engine: Engine, workerId: string, claims: number[]): DueJobPoller {
  const store = {
    claimDueJobs: async (owner: string, lockMs: number, limit: number) => {
      const claimed = await fx.store.claimDueJobs(owner, lockMs, limit);
      if (claimed.length > 0) claims.push(claimed.length);
      return claimed;
    },
    loadInstances: (ids: readonly string[]) => fx.store.loadInstances(ids),
    msUntilNextDueJob: () => fx.store.msUntilNextDueJob(),
  };
  const poller = new DueJobPoller(store, workerId, { concurrency: 3, batch: 7, lockMs: 60_000, idleMs: 200 }, (error) => {
    throw error;
  });
  poller.start((job, instance) => engine.jobs.executeClaimed(job, instance));
  return poller;
}

describe('the due-job poller', () => {
  let fx: SqlEngineFixture;
  const pollers: DueJobPoller[] = [];

  beforeEach(async () => {
    // the queue's worker is never started: only the pollers run jobs
    fx = await openSqlEngine();
    await fx.engine.deploy({
      name: 'polled', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false,
      resources: [{ name: 'timer.bpmn', content: timer }],
    });
  });
  afterEach(async () => {
    for (const poller of pollers.splice(0)) await poller.stop();
    await fx?.close();
  });

  it('runs every due timer once, in batches, with two nodes polling one database', async () => {
    for (let i = 0; i < INSTANCES; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, INSTANCES - i) }, () =>
        fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'polled_timer' }, businessKey: null, variables: new Map() })));
    }
    const claims: number[] = [];
    pollers.push(pollerFor(fx, engineOn(fx, 'node-a'), 'node-a', claims), pollerFor(fx, engineOn(fx, 'node-b'), 'node-b', claims));

    await until(async () => (await count(fx, `SELECT count(*)::int AS n FROM engine.hist_process_instance WHERE state = 'COMPLETED'`)) === INSTANCES,
      120_000, `${INSTANCES} completed instances`);
    // a second firing would show as a second 'wait' or 'end' row
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE activity_id = 'wait' AND end_time IS NOT NULL`)).toBe(INSTANCES);
    expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE activity_id = 'end'`)).toBe(INSTANCES);
    expect(await count(fx, 'SELECT count(*)::int AS n FROM engine.job')).toBe(0);
    expect(claims.reduce((a, b) => a + b, 0)).toBe(INSTANCES);
    expect(Math.max(...claims)).toBeGreaterThan(1);
  });

  it('leaves a row another node holds alone until its lock lapses, then runs it once', async () => {
    const started = await fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'polled_timer' }, businessKey: null, variables: new Map() });
    // a node claimed it and died: its lock lapses in 3 s
    await fx.db.dataSource.query(
      `UPDATE engine.job SET due_at = now(), lock_owner = 'dead-node', lock_expiration = now() + interval '3 seconds' WHERE process_instance_id = $1`, [started.instance.id]);
    const claims: number[] = [];
    pollers.push(pollerFor(fx, engineOn(fx, 'node-a'), 'node-a', claims));

    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await count(fx, 'SELECT count(*)::int AS n FROM engine.job WHERE lock_owner = $1', ['dead-node'])).toBe(1);
    await until(async () => (await count(fx, `SELECT count(*)::int AS n FROM engine.hist_process_instance WHERE state = 'COMPLETED'`)) === 1,
      60_000, 'the instance to complete');
    expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE activity_id = 'wait' AND end_time IS NOT NULL`)).toBe(1);
  });

  it('runs a job whose instance changed after the batch read it on the instance as it is now', async () => {
    const started = await fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'polled_timer' }, businessKey: null, variables: new Map() });
    await fx.db.dataSource.query('UPDATE engine.job SET due_at = now() WHERE process_instance_id = $1', [started.instance.id]);
    const engine = engineOn(fx, 'node-a');
    const [claimed] = await fx.store.claimDueJobs('node-a', 60_000, 10);
    const [read] = await fx.store.loadInstances([started.instance.id]);
    // committed between the poller's read and the job's command
    await fx.engine.modifyVariables(started.instance.id, new Map([['late', inferTypedValue('set meanwhile')]]));

    expect(await engine.jobs.executeClaimed(claimed!, read)).toBe('done');
    expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_process_instance WHERE id = $1 AND state = 'COMPLETED'`, [started.instance.id])).toBe(1);
    // the end removed the variable it saw: a command on the stale read would have left it behind
    expect(await count(fx, 'SELECT count(*)::int AS n FROM engine.variable WHERE process_instance_id = $1', [started.instance.id])).toBe(0);
  });

  it('sleeps while no job waits, and asks again once one is due', async () => {
    expect(await fx.store.msUntilNextDueJob()).toBeNull();
    const claims: number[] = [];
    let asked = 0;
    const counting = { ...fx.store, claimDueJobs: fx.store.claimDueJobs.bind(fx.store), loadInstances: fx.store.loadInstances.bind(fx.store),
      msUntilNextDueJob: async () => {
        asked++;
        return fx.store.msUntilNextDueJob();
      } };
    const engine = engineOn(fx, 'node-a');
    const poller = new DueJobPoller(counting, 'node-a', { concurrency: 2, batch: 5, lockMs: 60_000, idleMs: 60_000 }, (error) => {
      throw error;
    });
    poller.start((job, instance) => engine.jobs.executeClaimed(job, instance).then((outcome) => claims.push(outcome === 'done' ? 1 : 0)));
    pollers.push(poller);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(asked).toBe(1);

    const started = await fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'polled_timer' }, businessKey: null, variables: new Map() });
    expect(await fx.store.msUntilNextDueJob()).toBeGreaterThan(0);
    // a job committed on this node wakes the poller at its due time (here through the notice a dispatcher would give)
    poller.notify(new Date(Date.now() + 1000));
    await until(async () => (await count(fx, `SELECT count(*)::int AS n FROM engine.hist_process_instance WHERE id = $1 AND state = 'COMPLETED'`, [started.instance.id])) === 1,
      30_000, 'the timer to fire before the idle interval ends');
  });
});
