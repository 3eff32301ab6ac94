import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { InProcessDispatcher } from '../../engine/adapters/jobs/in-process-dispatcher.js';
import { SqlEngineStore } from '../../engine/adapters/typeorm/sql-engine-store.js';
import { Engine } from '../../engine/core/engine.js';
import { SqlEngineQueries } from '../../engine/adapters/typeorm/queries/sql-engine-queries.js';
import { COMPACTION_LOCK, compactStatistics, rebuildStatistics, STATISTICS_DELTA_TABLE } from '../../engine/adapters/typeorm/statistics-counts.js';
import { openDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { typed } from '../../engine/testing/engine-harness.js';
import { openSqlEngine, until, type SqlEngineFixture } from '../support/sql-engine.js';
import { migrations } from '../../migrations/index.js';
import { StatisticsCounts1763901500000 } from '../../migrations/1763901500000-statistics-counts.js';

/**
 * The cockpit's statistics are kept counts (statistics-counts.ts): base rows plus the deltas every
 * command appends in its own statement. Here they are compared with counting the runtime rows
 * (the queries the statistics ran before) after random mixes of commands, one at a time and
 * several at once, with compactions in between, cut short, twice and on two connections at once.
 */

const MODELS = [
  { name: 'flow.bpmn', content: bpmn('flow', `
    <startEvent id="start"/>
    <userTask id="review"/>
    <parallelGateway id="split"/>
    <serviceTask id="ext" camunda:type="external" camunda:topic="ext"/>
    <userTask id="approve"/>
    <parallelGateway id="join"/>
    <serviceTask id="risky" camunda:type="external" camunda:topic="boom"/>
    <userTask id="last"/>
    <endEvent id="end"/>
    ${flows('start', 'review', 'split', 'ext', 'join', 'risky', 'last', 'end')}
    ${flows('split', 'approve', 'join')}`) },
  { name: 'nested.bpmn', content: bpmn('nested', `
    <startEvent id="start"/>
    <subProcess id="sp">
      <startEvent id="spStart"/>
      <userTask id="inner"/>
      <endEvent id="spEnd"/>
      ${flows('spStart', 'inner', 'spEnd')}
    </subProcess>
    <callActivity id="call" calledElement="flow"/>
    <userTask id="final"/>
    <endEvent id="end"/>
    ${flows('start', 'sp', 'call', 'final', 'end')}`) },
  { name: 'multi.bpmn', content: bpmn('multi', `
    <startEvent id="start"/>
    <userTask id="vote"><multiInstanceLoopCharacteristics><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics></userTask>
    <userTask id="seq"><multiInstanceLoopCharacteristics isSequential="true"><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics></userTask>
    <subProcess id="each">
      <multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>
      <startEvent id="eachStart"/>
      <userTask id="eachTask"/>
      <endEvent id="eachEnd"/>
      ${flows('eachStart', 'eachTask', 'eachEnd')}
    </subProcess>
    <endEvent id="end"/>
    ${flows('start', 'vote', 'seq', 'each', 'end')}`) },
];
const KEYS = ['flow', 'nested', 'multi'];
const MOVABLE: Record<string, string[]> = { flow: ['review', 'approve', 'last', 'ext', 'risky', 'risky'], nested: ['inner', 'final', 'call'], multi: ['vote', 'seq', 'eachTask'] };

type Row = { id: string; instances: number; incidents: number; failedJobs: number };

/** the statistics as the rows count them: the queries the statistics ran before they were kept */
async function countedFromRows(db: DataSource): Promise<{ definitions: Row[]; activities: Map<string, Row[]> }> {
  const definitions = ((await db.query(`
    SELECT d.id,
      (SELECT count(*) FROM engine.process_instance pi WHERE pi.definition_id = d.id)::int AS instances,
      (SELECT count(*) FROM engine.incident i WHERE i.definition_id = d.id)::int AS incidents,
      (SELECT count(*) FROM engine.incident i WHERE i.definition_id = d.id AND i.type = 'failedJob')::int AS failed_jobs
    FROM engine.process_definition d`)) as Record<string, unknown>[]).map(asRow('id'));
  const activities = new Map<string, Row[]>();
  for (const { id } of definitions) {
    const rows = (await db.query(
      `SELECT a.activity_id,
         coalesce(e.instances, 0)::int AS instances, coalesce(i.incidents, 0)::int AS incidents, coalesce(i.failed_jobs, 0)::int AS failed_jobs
       FROM (SELECT DISTINCT element_id AS activity_id FROM engine.element_instance WHERE process_instance_id IN (SELECT p.id FROM engine.process_instance p WHERE p.definition_id = $1) AND kind <> 'process'
             UNION SELECT DISTINCT x.activity_id FROM engine.incident x WHERE x.definition_id = $1) a
       LEFT JOIN (SELECT e.element_id, count(*) AS instances FROM engine.element_instance e JOIN engine.process_instance pi ON pi.id = e.process_instance_id
                  WHERE pi.definition_id = $1 AND e.kind NOT IN ('process', 'multiInstanceBody', 'standardLoopBody') GROUP BY e.element_id) e ON e.element_id = a.activity_id
       LEFT JOIN (SELECT x.activity_id, count(*) AS incidents, count(*) FILTER (WHERE x.type = 'failedJob') AS failed_jobs FROM engine.incident x
                  WHERE x.definition_id = $1 GROUP BY x.activity_id) i ON i.activity_id = a.activity_id`,
      [id],
    )) as Record<string, unknown>[];
    activities.set(id, rows.map(asRow('activity_id')));
  }
  return { definitions: sorted(definitions), activities: new Map([...activities].map(([id, rows]) => [id, sorted(rows)])) };
}

async function kept(queries: SqlEngineQueries, definitionIds: readonly string[]): Promise<{ definitions: Row[]; activities: Map<string, Row[]> }> {
  const definitions = (await queries.definitionStatistics()).map((d) => ({ id: d.definitionId, instances: d.instances, incidents: d.incidents, failedJobs: d.failedJobs }));
  const activities = new Map<string, Row[]>();
  for (const id of definitionIds) {
    activities.set(id, sorted((await queries.activityStatistics(id)).map((a) => ({ id: a.activityId, instances: a.instances, incidents: a.incidents, failedJobs: a.failedJobs }))));
  }
  return { definitions: sorted(definitions), activities };
}

const asRow = (key: string) => (r: Record<string, unknown>): Row => ({
  id: String(r[key]), instances: Number(r['instances']), incidents: Number(r['incidents']), failedJobs: Number(r['failed_jobs']),
});
const sorted = (rows: Row[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

/** a small deterministic generator, so a failing sequence can be replayed */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

describe('the cockpit statistics, kept as counts', () => {
  let fx: SqlEngineFixture;
  let queries: SqlEngineQueries;
  let definitionIds: string[];

  beforeAll(async () => {
    fx = await openSqlEngine();
    queries = new SqlEngineQueries(fx.db.dataSource, fx.store.graphs);
    fx.handlers.set('boom', async () => {
      throw new Error('the risky step fails');
    });
    const deployed = await fx.engine.deploy({
      name: 'statistics', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false, resources: MODELS,
    });
    definitionIds = deployed.definitions!.map((d) => d.id);
    expect(definitionIds).toHaveLength(3);
  }, 120_000);
  afterAll(() => fx?.close());

  async function expectSameAsRows(step: string): Promise<void> {
    const expected = await countedFromRows(fx.db.dataSource);
    const actual = await kept(queries, expected.definitions.map((d) => d.id));
    expect({ step, ...actual }).toEqual({ step, ...expected });
  }

  const ids = async (sql: string, params: unknown[] = []): Promise<string[]> =>
    ((await fx.db.dataSource.query(sql, params)) as { id: string }[]).map((r) => r.id);

  /** one random command; what it did, for the failure message (a command that finds its target gone is fine) */
  async function randomCommand(pick: (n: number) => number, engine: Engine = fx.engine): Promise<string> {
    const choice = pick(11);
    const one = async (sql: string, params: unknown[] = []) => {
      const found = await ids(sql, params);
      return found.length > 0 ? found[pick(found.length)]! : null;
    };
    try {
      switch (choice) {
        case 0:
        case 1: {
          const key = KEYS[pick(KEYS.length)]!;
          await engine.startProcessInstance({ definition: { by: 'latest', key }, businessKey: null, variables: new Map() });
          return `start ${key}`;
        }
        case 2:
        case 3: {
          const task = await one('SELECT id FROM engine.task ORDER BY id');
          if (task) await engine.completeTask({ taskId: task, variables: new Map() });
          return `complete task ${task}`;
        }
        case 4: {
          const [locked] = await engine.fetchAndLockExternalTasks({ workerId: 'w', maxTasks: 1, usePriority: false, topics: [{ topicName: 'ext', lockDurationMs: 60_000 }] });
          if (!locked) return 'no external task';
          if (pick(2) === 0) {
            await engine.completeExternalTask({ id: locked.id, workerId: 'w', variables: new Map(), localVariables: new Map() });
            return 'complete external task';
          }
          await engine.failExternalTask({ id: locked.id, workerId: 'w', errorMessage: 'no', errorDetails: null, retries: 0, retryTimeoutMs: 0 });
          return 'fail external task (incident)';
        }
        case 5:
        case 10: {
          const job = await one('SELECT id FROM engine.job WHERE retries > 0 ORDER BY id');
          if (job) await engine.jobs.executeNow(job);
          return `run job ${job}`;
        }
        case 6: {
          const task = await one(`SELECT id FROM engine.external_task WHERE retries = 0 ORDER BY id`);
          if (task) await engine.setExternalTaskRetries(task, 1);
          const job = await one('SELECT id FROM engine.job WHERE retries = 0 ORDER BY id');
          if (job) await engine.setJobRetries(job, 1);
          return `resolve incidents ${task} ${job}`;
        }
        case 7: {
          const instance = await one('SELECT id FROM engine.process_instance ORDER BY id');
          if (instance) await engine.deleteProcessInstance(instance, 'random');
          return `cancel ${instance}`;
        }
        case 8: {
          const row = ((await fx.db.dataSource.query('SELECT id, definition_key FROM engine.process_instance ORDER BY id')) as { id: string; definition_key: string }[]);
          const target = row.length > 0 ? row[pick(row.length)]! : null;
          if (!target) return 'no instance to modify';
          const activities = MOVABLE[target.definition_key]!;
          const activity = activities[pick(activities.length)]!;
          const cancel = await one(`SELECT element_id AS id FROM engine.element_instance WHERE process_instance_id = $1 AND kind NOT IN ('process', 'subProcess') ORDER BY id`, [target.id]);
          const instructions = [
            { type: 'startBeforeActivity' as const, activityId: activity },
            ...(cancel && pick(2) === 0 ? [{ type: 'cancel' as const, activityId: cancel }] : []),
          ];
          await engine.modifyProcessInstance(target.id, instructions);
          return `modify ${target.id}: ${JSON.stringify(instructions)}`;
        }
        case 9: {
          const moved = await compactStatistics(fx.db.dataSource);
          return `compact (${moved})`;
        }
        default:
          throw new Error(`no command ${choice}`);
      }
    } catch (error) {
      return `command ${choice} refused: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  it('equal the counted rows after every one of a random sequence of commands', async () => {
    // first a failing job's incident for certain (a random sequence reaches it only now and then)
    const started = await fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'flow' }, businessKey: null, variables: new Map() });
    await fx.engine.modifyProcessInstance(started.instance.id, [{ type: 'startBeforeActivity', activityId: 'risky' }]);
    await expectSameAsRows('a job at risky');
    const [job] = await ids('SELECT id FROM engine.job WHERE process_instance_id = $1', [started.instance.id]);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await fx.engine.jobs.executeNow(job!);
      await expectSameAsRows(`risky failed ${attempt} times`);
    }
    expect(await ids(`SELECT id FROM engine.incident WHERE type = 'failedJob'`)).toHaveLength(1);
    // an external task's incident, a call activity and the multi-instance bodies, for certain too
    const [review] = await ids(`SELECT id FROM engine.task WHERE process_instance_id = $1 AND task_definition_key = 'review'`, [started.instance.id]);
    await fx.engine.completeTask({ taskId: review!, variables: new Map() });
    const [locked] = await fx.engine.fetchAndLockExternalTasks({ workerId: 'w', maxTasks: 1, usePriority: false, topics: [{ topicName: 'ext', lockDurationMs: 60_000 }] });
    await fx.engine.failExternalTask({ id: locked!.id, workerId: 'w', errorMessage: 'no', errorDetails: null, retries: 0, retryTimeoutMs: 0 });
    await expectSameAsRows('an external task failed');
    const nested = await fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'nested' }, businessKey: null, variables: new Map() });
    const [inner] = await ids(`SELECT id FROM engine.task WHERE process_instance_id = $1`, [nested.instance.id]);
    await fx.engine.completeTask({ taskId: inner!, variables: new Map() });
    await expectSameAsRows('a call activity called');
    await fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'multi' }, businessKey: null, variables: new Map() });
    await expectSameAsRows('a multi-instance started');
    const pick = random(20261206);
    for (let i = 0; i < 150; i++) {
      const step = await randomCommand(pick);
      await expectSameAsRows(`${i}: ${step}`);
    }
    // the sequence did reach every kind of count
    const incidentTypes = (await fx.db.dataSource.query(`SELECT DISTINCT type FROM engine.hist_incident ORDER BY type`)) as { type: string }[];
    expect(incidentTypes.map((t) => t.type)).toEqual(['failedExternalTask', 'failedJob']);
    const kinds = (await fx.db.dataSource.query(`SELECT DISTINCT activity_type AS kind FROM engine.hist_activity_instance ORDER BY 1`)) as { kind: string }[];
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['callActivity', 'multiInstanceBody', 'subProcess']));
  }, 600_000);

  it('equal the counted rows after random commands run several at a time, with compactions among them', async () => {
    const pick = random(7);
    for (let round = 0; round < 25; round++) {
      const steps = await Promise.all(Array.from({ length: 6 }, () => randomCommand(random(pick(1_000_000)))));
      await expectSameAsRows(`round ${round}: ${steps.join('; ')}`);
    }
  }, 600_000);

  it('equal the counted rows when a compaction is cut short, run twice, or run on two connections at once', async () => {
    const pick = random(99);
    for (let i = 0; i < 20; i++) await randomCommand(pick);
    // whatever the random commands did to the state the earlier specs left, one start surely counts
    await fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'multi' }, businessKey: null, variables: new Map() });
    expect(Number((await fx.db.dataSource.query(`SELECT count(*) AS n FROM ${STATISTICS_DELTA_TABLE}`))[0].n)).toBeGreaterThan(0);
    await expectSameAsRows('before compacting');

    // cut short: the compaction's statement ran, its transaction never committed
    const runner = fx.db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`WITH moved AS (DELETE FROM ${STATISTICS_DELTA_TABLE} RETURNING *)
      INSERT INTO engine.statistics_count AS c SELECT definition_id, activity_id, sum(instances), sum(present) FROM moved GROUP BY 1, 2
      ON CONFLICT (definition_id, activity_id) DO UPDATE SET instances = c.instances + excluded.instances, present = c.present + excluded.present`);
    await runner.rollbackTransaction();
    await runner.release();
    await expectSameAsRows('after a compaction cut short');

    // twice (on PGlite, which has no autovacuum, as the service does it: with a VACUUM after it)
    const vacuum = fx.db.kind === 'pglite';
    expect(await compactStatistics(fx.db.dataSource, { vacuum })).toBeGreaterThan(0);
    expect(await compactStatistics(fx.db.dataSource, { vacuum })).toBe(0);
    await expectSameAsRows('after compacting twice');

    // rebuilt from the rows (what the bench does after its bulk load)
    for (let i = 0; i < 10; i++) await randomCommand(pick);
    const rebuild = fx.db.dataSource.createQueryRunner();
    await rebuild.connect();
    await rebuildStatistics(rebuild);
    await rebuild.release();
    await expectSameAsRows('after a rebuild');
  }, 600_000);

  it('are right at once after the migration that brings them, on a database with running instances', async () => {
    const pick = random(31);
    for (let i = 0; i < 30; i++) await randomCommand(pick);
    expect(Number((await fx.db.dataSource.query('SELECT count(*) AS n FROM engine.process_instance'))[0].n)).toBeGreaterThan(0);
    // back to the schema before it (the tables go; later migrations are undone first), then up again: the migration fills them from the rows
    const since = migrations.length - migrations.indexOf(StatisticsCounts1763901500000);
    for (let i = 0; i < since; i++) await fx.db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await fx.db.dataSource.query(`SELECT to_regclass('engine.statistics_count') AS t`)).toEqual([{ t: null }]);
    await fx.db.dataSource.runMigrations({ transaction: 'each' });
    expect(Number((await fx.db.dataSource.query(`SELECT count(*) AS n FROM ${STATISTICS_DELTA_TABLE}`))[0].n)).toBe(0);
    await expectSameAsRows('after the migration');
    for (let i = 0; i < 10; i++) await randomCommand(pick);
    await expectSameAsRows('after commands on the migrated database');
  }, 600_000);

  const onPostgres = process.env['DATABASE_URL'] ? it : it.skip;

  onPostgres('equal the counted rows when two nodes run commands and compactions at once, and when a compaction is killed midway', async () => {
    const url = fx.db.url!;
    const other = await openDatabase({ url });
    // a second node: its own pool and engine on the same database
    const otherEngine = new Engine({
      store: new SqlEngineStore(other.dataSource), dispatcher: new InProcessDispatcher(2), clock: { now: () => new Date() }, ids: { next: () => randomUUID() },
      handlers: { handlerFor: (topic) => fx.handlers.get(topic) }, workerId: 'other-node', jobLockMs: 60_000,
    });
    try {
      const pick = random(4242);
      let compacted = 0;
      for (let round = 0; round < 10; round++) {
        const work = Array.from({ length: 6 }, (_, i) => randomCommand(random(pick(1_000_000)), i % 2 === 0 ? fx.engine : otherEngine));
        const compactions = [compactStatistics(fx.db.dataSource), compactStatistics(other.dataSource), compactStatistics(other.dataSource)];
        const [steps, moved] = await Promise.all([Promise.all(work), Promise.all(compactions)]);
        // those that found the lock taken (by each other, or by a random command's compaction) skipped their turn
        compacted += moved.filter((m) => m !== null && m > 0).length;
        await expectSameAsRows(`round ${round}: ${steps.join('; ')}`);
      }

      expect(compacted).toBeGreaterThan(0);

      // killed midway: the connection of a compaction that has moved rows is terminated before it commits
      for (let i = 0; i < 10; i++) await randomCommand(pick);
      const victim = other.dataSource.createQueryRunner();
      await victim.connect();
      const [{ pid }] = (await victim.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
      await victim.startTransaction();
      expect((await victim.query('SELECT pg_try_advisory_xact_lock($1) AS got', [COMPACTION_LOCK]))[0].got).toBe(true);
      await victim.query(`WITH moved AS (DELETE FROM ${STATISTICS_DELTA_TABLE} RETURNING *)
        INSERT INTO engine.statistics_count AS c SELECT definition_id, activity_id, sum(instances), sum(present) FROM moved GROUP BY 1, 2
        ON CONFLICT (definition_id, activity_id) DO UPDATE SET instances = c.instances + excluded.instances, present = c.present + excluded.present`);
      // while it holds the lock, another node's compaction skips its turn, and commands go on
      expect(await compactStatistics(fx.db.dataSource)).toBeNull();
      for (let i = 0; i < 5; i++) await randomCommand(pick);
      await fx.db.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
      await victim.release().catch(() => undefined);
      // pg_terminate_backend only signals: the lock goes when the backend has gone
      await until(async () => Number((await fx.db.dataSource.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [pid]))[0].n) === 0, 60_000, 'the terminated compaction to go');
      await expectSameAsRows('after a compaction killed midway');
      expect(await compactStatistics(fx.db.dataSource)).toBeGreaterThan(0);
      await expectSameAsRows('after the next compaction');
    } finally {
      await other.dataSource.destroy();
    }
  }, 600_000);
});
