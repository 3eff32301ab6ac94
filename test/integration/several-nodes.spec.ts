import { randomUUID } from 'node:crypto';
import { openDatabase, type OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { SqlEngineStore } from '../../engine/adapters/typeorm/sql-engine-store.js';
import { Engine } from '../../engine/core/engine.js';
import type { JobDispatcher } from '../../engine/core/ports/job-dispatcher.js';
import { DatabaseClock } from '../../engine/nest/database-clock.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Two nodes (engines with their own connection pools) on one PostgreSQL: when both act on the same
 * thing at once, exactly one wins, and a node whose clock is an hour ahead sets the same due times.
 */
const ROUNDS = 8;
const HOUR_MS = 3_600_000;

const models = [
  bpmn('nodes_task', `<startEvent id="start"/><userTask id="review"/><endEvent id="end"/>${flows('start', 'review', 'end')}`),
  bpmn('nodes_message', `<startEvent id="start"/>
    <intermediateCatchEvent id="paid"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
    <endEvent id="end"/>${flows('start', 'paid', 'end')}`, '<message id="m" name="nodes.paid"/>'),
  bpmn('nodes_timer', `<startEvent id="start"/>
    <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT10M</timeDuration></timerEventDefinition></intermediateCatchEvent>
    <endEvent id="end"/>${flows('start', 'wait', 'end')}`),
];

/** jobs are run by the spec, on the node it chooses */
const handOverNothing: JobDispatcher = {
  kind: 'none', start: async () => undefined, dispatch: async () => undefined, redispatch: async () => undefined, stop: async () => undefined, check: async () => ({ ok: true }),
};

interface Node {
  readonly engine: Engine;
  readonly store: SqlEngineStore;
  readonly opened: OpenedDatabase;
}

async function openNode(url: string, name: string, localNow: () => number): Promise<Node> {
  const opened = await openDatabase({ url, poolSize: 4 });
  const store = new SqlEngineStore(opened.dataSource);
  const clock = new DatabaseClock(localNow);
  await clock.align(() => store.databaseNow());
  const engine = new Engine({
    store, dispatcher: handOverNothing, clock, ids: { next: () => randomUUID() }, handlers: { handlerFor: () => undefined }, workerId: name,
  });
  return { engine, store, opened };
}

const withPostgres = process.env['DATABASE_URL'] ? describe : describe.skip;

withPostgres('several nodes on one database', () => {
  let db: TestDatabase;
  let a: Node;
  let b: Node;

  beforeAll(async () => {
    db = await openTestDatabase();
    a = await openNode(db.url!, 'node-a', Date.now);
    b = await openNode(db.url!, 'node-b', () => Date.now() + HOUR_MS);
    await a.engine.deploy({ name: 'nodes', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false, resources: models.map((content, i) => ({ name: `m${i}.bpmn`, content })) });
  });
  afterAll(async () => {
    await a?.opened.dataSource.destroy();
    await b?.opened.dataSource.destroy();
    await db?.close();
  });

  const start = (node: Node, key: string) =>
    node.engine.startProcessInstance({ definition: { by: 'latest', key }, businessKey: null, variables: new Map() }).then((s) => s.instance.id);
  const count = async (sql: string, params: unknown[]) => Number((await db.dataSource.query(sql, params))[0].n);
  const endsOf = (instanceId: string) => count(`SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE process_instance_id = $1 AND activity_id = 'end'`, [instanceId]);
  const winners = (outcomes: PromiseSettledResult<unknown>[]) => outcomes.filter((o) => o.status === 'fulfilled').length;

  it('both complete the same task at once: one wins, the task completes once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await start(a, 'nodes_task');
      const [task] = await db.dataSource.query('SELECT id FROM engine.task WHERE process_instance_id = $1', [id]);
      const outcomes = await Promise.allSettled([a, b].map((node) => node.engine.completeTask({ taskId: task.id, variables: new Map(), actor: null })));
      expect(winners(outcomes)).toBe(1);
      expect(await endsOf(id)).toBe(1);
    }
  });

  it('both correlate the same message to one waiting instance at once: one correlation, the other finds nothing', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await start(b, 'nodes_message');
      const correlate = (node: Node) => node.engine.correlateMessage({
        messageName: 'nodes.paid', processInstanceId: id, processVariables: new Map(), processVariablesLocal: new Map(), all: false,
      });
      const outcomes = await Promise.allSettled([correlate(a), correlate(b)]);
      expect(winners(outcomes)).toBe(1);
      expect(await endsOf(id)).toBe(1);
    }
  });

  it('both fire the same timer at once: it runs once, the other node skips it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await start(a, 'nodes_timer');
      const [job] = await db.dataSource.query('SELECT id FROM engine.job WHERE process_instance_id = $1', [id]);
      await db.dataSource.query(`UPDATE engine.job SET due_at = now() - interval '1 second' WHERE id = $1`, [job.id]);
      const outcomes = await Promise.all([a.engine.jobs.execute(job.id), b.engine.jobs.execute(job.id)]);
      expect(outcomes.sort()).toEqual(['done', 'skipped']);
      expect(await endsOf(id)).toBe(1);
    }
  });

  it('a node whose clock is an hour ahead sets the same due times: time comes from the database', async () => {
    const onTime = await start(a, 'nodes_timer');
    const ahead = await start(b, 'nodes_timer');
    const [due] = await db.dataSource.query(
      `SELECT extract(epoch FROM (max(due_at) - min(due_at)))::float AS apart, extract(epoch FROM (min(due_at) - now()))::float AS from_now
       FROM engine.job WHERE process_instance_id = ANY($1::text[])`, [[onTime, ahead]]);
    expect(Math.abs(due.apart)).toBeLessThan(60);
    expect(due.from_now).toBeGreaterThan(8 * 60);
    expect(due.from_now).toBeLessThan(11 * 60);
  });
});
