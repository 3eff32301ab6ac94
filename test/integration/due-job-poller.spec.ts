import { randomUUID } from 'node:crypto';
import { DueJobPoller } from '../../engine/adapters/jobs/due-job-poller.js';
import { Engine } from '../../engine/core/engine.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { inferTypedValue } from '../../engine/core/variables/index.js';
import { openSqlEngine, until, type SqlEngineFixture } from '../support/sql-engine.js';
import { StatementCounter } from '../support/statement-counter.js';

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

const failingAfterTimer = bpmn('failing_timer', `
  <startEvent id="start"/>
  <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
  <exclusiveGateway id="check"/>
  <endEvent id="big"/>
  <endEvent id="small"/>
  <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
  <sequenceFlow id="f2" sourceRef="wait" targetRef="check"/>
  <sequenceFlow id="f3" sourceRef="check" targetRef="big"><conditionExpression>\${missing > 1}</conditionExpression></sequenceFlow>
  <sequenceFlow id="f4" sourceRef="check" targetRef="small"><conditionExpression>\${missing &lt;= 1}</conditionExpression></sequenceFlow>`);

async function startTimers(fx: SqlEngineFixture, n: number): Promise<string[]> {
  const started = await Promise.all(Array.from({ length: n }, () =>
    fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'polled_timer' }, businessKey: null, variables: new Map() })));
  return started.map((s) => s.instance.id);
}

async function count(fx: SqlEngineFixture, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await fx.db.dataSource.query(sql, params);
  return Number(row.n);
}

/** waits until `n` instances completed, then finds each timer fired once (a second firing would show as a second 'wait' or 'end' row) and no job left */
async function expectEachFiredOnce(fx: SqlEngineFixture, n: number): Promise<void> {
  await until(async () => (await count(fx, `SELECT count(*)::int AS n FROM engine.hist_process_instance WHERE state = 'COMPLETED'`)) === n,
    120_000, `${n} completed instances`);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE activity_id = 'wait' AND end_time IS NOT NULL`)).toBe(n);
  expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE activity_id = 'end'`)).toBe(n);
  expect(await count(fx, 'SELECT count(*)::int AS n FROM engine.job')).toBe(0);
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

function pollerFor(fx: SqlEngineFixture, engine: Engine, workerId: string, claims: number[], group = 1, groups: number[] = []): DueJobPoller {
  const store = {
    claimDueJobs: async (owner: string, lockMs: number, limit: number) => {
      const claimed = await fx.store.claimDueJobs(owner, lockMs, limit);
      if (claimed.length > 0) claims.push(claimed.length);
      return claimed;
    },
    loadInstances: (ids: readonly string[]) => fx.store.loadInstances(ids),
    msUntilNextDueJob: () => fx.store.msUntilNextDueJob(),
  };
  const poller = new DueJobPoller(store, workerId, { concurrency: 3, batch: 7, group, lockMs: 60_000, idleMs: 200 }, (error) => {
    throw error;
  });
  poller.start((handed) => {
    groups.push(handed.length);
    return engine.jobs.executeClaimedGroup(handed);
  });
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

    await expectEachFiredOnce(fx, INSTANCES);
    expect(claims.reduce((a, b) => a + b, 0)).toBe(INSTANCES);
    expect(Math.max(...claims)).toBeGreaterThan(1);
  });

  it('commits a backlog of due timers in joint writes, still each once, with two nodes polling one database', async () => {
    await startTimers(fx, INSTANCES);
    await fx.db.dataSource.query('UPDATE engine.job SET due_at = now()');
    const claims: number[] = [];
    const groups: number[] = [];
    const counter = new StatementCounter(fx.db.dataSource);
    pollers.push(pollerFor(fx, engineOn(fx, 'node-a'), 'node-a', claims, 4, groups), pollerFor(fx, engineOn(fx, 'node-b'), 'node-b', claims, 4, groups));

    await expectEachFiredOnce(fx, INSTANCES);
    expect(await count(fx, 'SELECT count(*)::int AS n FROM engine.process_instance')).toBe(0);
    // several at a time, never more than the group size
    expect(Math.max(...groups)).toBeGreaterThan(1);
    expect(Math.max(...groups)).toBeLessThanOrEqual(4);
    // one write per group, not per timer: the writes that end instances
    const ending = counter.take().texts.filter((text) => text.startsWith('WITH') && text.includes('DELETE FROM ENGINE.PROCESS_INSTANCE'));
    expect(ending.length).toBeGreaterThan(0);
    expect(ending.length).toBeLessThan(INSTANCES);
  });

  it('runs a joint group alone when one of its instances changed after the batch read, each job once and on fresh state', async () => {
    const ids = await startTimers(fx, 3);
    await fx.db.dataSource.query('UPDATE engine.job SET due_at = now()');
    const engine = engineOn(fx, 'node-a');
    const claimed = await fx.store.claimDueJobs('node-a', 60_000, 10);
    const read = await fx.store.loadInstances(ids);
    await fx.engine.modifyVariables(ids[1]!, new Map([['late', inferTypedValue('set meanwhile')]]));

    const outcomes = await engine.jobs.executeClaimedGroup(claimed.map((job) => ({ job, instance: read.find((r) => r.instance.id === job.processInstanceId)! })));

    expect(outcomes).toEqual(['done', 'done', 'done']);
    expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_process_instance WHERE state = 'COMPLETED'`)).toBe(3);
    expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE activity_id = 'end'`)).toBe(3);
    // the stale read would have left the variable set meanwhile behind
    expect(await count(fx, 'SELECT count(*)::int AS n FROM engine.variable')).toBe(0);
  });

  it('leaves a job whose command fails out of the group: the others commit, its failure is recorded on its own', async () => {
    await fx.engine.deploy({
      name: 'failing', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false,
      resources: [{ name: 'failing.bpmn', content: failingAfterTimer }],
    });
    const ids = await startTimers(fx, 2);
    const failing = await fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'failing_timer' }, businessKey: null, variables: new Map() });
    await fx.db.dataSource.query('UPDATE engine.job SET due_at = now()');
    const engine = engineOn(fx, 'node-a');
    const claimed = await fx.store.claimDueJobs('node-a', 60_000, 10);
    const read = await fx.store.loadInstances([...ids, failing.instance.id]);

    const outcomes = await engine.jobs.executeClaimedGroup(claimed.map((job) => ({ job, instance: read.find((r) => r.instance.id === job.processInstanceId)! })));

    expect(outcomes.filter((o) => o === 'done')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'failed')).toHaveLength(1);
    expect(await count(fx, `SELECT count(*)::int AS n FROM engine.hist_process_instance WHERE state = 'COMPLETED'`)).toBe(2);
    const [job] = await fx.db.dataSource.query('SELECT retries, exception_message FROM engine.job WHERE process_instance_id = $1', [failing.instance.id]);
    expect(job.exception_message).toMatch(/missing/);
    expect(Number(job.retries)).toBe(2);
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
    poller.start((handed) => engine.jobs.executeClaimedGroup(handed).then((outcomes) => claims.push(...outcomes.map((o) => (o === 'done' ? 1 : 0)))));
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
