import { Engine } from '../../engine/core/engine.js';
import { SqlEngineStore } from '../../engine/adapters/typeorm/sql-engine-store.js';
import { InlineDispatcher } from '../../engine/testing/inline-dispatcher.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { typed } from '../../engine/testing/engine-harness.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { randomUUID } from 'node:crypto';

describe('SQL engine store', () => {
  let db: TestDatabase;
  let engine: Engine;
  let store: SqlEngineStore;

  beforeAll(async () => {
    db = await openTestDatabase();
    store = new SqlEngineStore(db.dataSource);
    engine = new Engine({
      store,
      dispatcher: new InlineDispatcher(),
      clock: { now: () => new Date() },
      ids: { next: () => randomUUID() },
      handlers: { handlerFor: () => undefined },
      workerId: 'spec',
    });
  });
  afterAll(() => db?.close());

  const model = bpmn('review', `
    <startEvent id="start"/>
    <userTask id="check" camunda:candidateGroups="sales"/>
    <exclusiveGateway id="gw" default="toEnd"/>
    <serviceTask id="sync" camunda:type="external" camunda:topic="erp"/>
    <endEvent id="end"/>
    ${flows('start', 'check', 'gw')}
    <sequenceFlow id="toSync" sourceRef="gw" targetRef="sync"><conditionExpression>\${amount &gt; 10}</conditionExpression></sequenceFlow>
    <sequenceFlow id="toEnd" sourceRef="gw" targetRef="end"/>
    ${flows('sync', 'end')}`);

  it('runs a process through user and external tasks, keeping state and history in the database', async () => {
    await engine.deploy({ name: 'x', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false, resources: [{ name: 'review.bpmn', content: model }] });
    const started = await engine.startProcessInstance({ definition: { by: 'latest', key: 'review' }, businessKey: 'deal-1', variables: typed({ amount: 50, note: 'x'.repeat(1024 * 1024) }) });
    const [task] = await db.dataSource.query('SELECT id FROM engine.task WHERE process_instance_id = $1', [started.instance.id]);
    await engine.completeTask({ taskId: task.id, variables: typed({ checked: true }) });
    const locked = await engine.fetchAndLockExternalTasks({ workerId: 'w1', maxTasks: 5, usePriority: false, topics: [{ topicName: 'erp', lockDurationMs: 10_000 }] });
    expect(locked.map((t) => t.activityId)).toEqual(['sync']);
    await expect(engine.completeExternalTask({ id: locked[0]!.id, workerId: 'w2', variables: new Map(), localVariables: new Map() })).rejects.toThrow(/locked by worker 'w1'/);
    await engine.completeExternalTask({ id: locked[0]!.id, workerId: 'w1', variables: typed({ erpId: 7 }), localVariables: new Map() });
    const [history] = await db.dataSource.query('SELECT state FROM engine.hist_process_instance WHERE id = $1', [started.instance.id]);
    expect(history.state).toBe('COMPLETED');
    const path = await db.dataSource.query('SELECT activity_id FROM engine.hist_activity_instance WHERE process_instance_id = $1 ORDER BY start_time, seq', [started.instance.id]);
    expect(path.map((r: { activity_id: string }) => r.activity_id)).toEqual(['start', 'check', 'gw', 'sync', 'end']);
    const vars = await db.dataSource.query('SELECT name, type, length(text_value) AS len FROM engine.hist_variable WHERE process_instance_id = $1 ORDER BY name', [started.instance.id]);
    expect(vars).toEqual([
      { name: 'amount', type: 'Integer', len: 2 },
      { name: 'checked', type: 'Boolean', len: 4 },
      { name: 'erpId', type: 'Integer', len: 1 },
      { name: 'note', type: 'String', len: 1024 * 1024 },
    ]);
    const runtime = await db.dataSource.query('SELECT count(*)::int AS n FROM engine.element_instance WHERE process_instance_id = $1', [started.instance.id]);
    expect(runtime[0].n).toBe(0);
  });

  it('lets exactly one of two concurrent completions of a task win', async () => {
    const started = await engine.startProcessInstance({ definition: { by: 'latest', key: 'review' }, businessKey: null, variables: typed({ amount: 1 }) });
    const [task] = await db.dataSource.query('SELECT id FROM engine.task WHERE process_instance_id = $1', [started.instance.id]);
    const results = await Promise.allSettled([
      engine.completeTask({ taskId: task.id, variables: typed({ by: 'a' }) }),
      engine.completeTask({ taskId: task.id, variables: typed({ by: 'b' }) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(rejected.reason)).toMatch(/Cannot find task/);
    const counts = await db.dataSource.query(`SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE process_instance_id = $1 AND activity_id = 'end'`, [started.instance.id]);
    expect(counts[0].n).toBe(1);
  });

  // PGlite has one session: the stale command would hold it, and the other could never run
  const onPostgres = process.env['DATABASE_URL'] ? it : it.skip;
  onPostgres('writes nothing of a command whose revision guard fails, though its writes go out as one statement', async () => {
    const started = await engine.startProcessInstance({ definition: { by: 'latest', key: 'review' }, businessKey: null, variables: typed({ amount: 1 }) });
    const [task] = await db.dataSource.query('SELECT id FROM engine.task WHERE process_instance_id = $1', [started.instance.id]);
    // a completion that has read the instance and commits only after another command changed it
    let commits = 0;
    let reachedCommit!: () => void;
    const atCommit = new Promise<void>((resolve) => (reachedCommit = resolve));
    let proceed!: () => void;
    const proceeding = new Promise<void>((resolve) => (proceed = resolve));
    const staleStore = Object.create(store) as SqlEngineStore;
    staleStore.transaction = (work) => store.transaction((tx) => work(Object.assign(Object.create(tx), {
      commit: async (changes: Parameters<typeof tx.commit>[0]) => {
        if (++commits > 1) throw new Error('no second attempt');
        reachedCommit();
        await proceeding;
        return tx.commit(changes);
      },
    })));
    const stale = new Engine({ store: staleStore, dispatcher: new InlineDispatcher(), clock: { now: () => new Date() }, ids: { next: () => randomUUID() }, handlers: { handlerFor: () => undefined }, workerId: 'stale' });
    const completion = stale.completeTask({ taskId: task.id, variables: typed({ stale: true }) });
    await atCommit;
    await engine.claimTask(task.id, 'winner');
    proceed();
    await expect(completion).rejects.toThrow(/no second attempt/);
    const [left] = await db.dataSource.query('SELECT assignee FROM engine.task WHERE id = $1', [task.id]);
    expect(left.assignee).toBe('winner');
    const written = await db.dataSource.query(`SELECT count(*)::int AS n FROM engine.hist_variable WHERE process_instance_id = $1 AND name = 'stale'`, [started.instance.id]);
    expect(written[0].n).toBe(0);
    const elements = await db.dataSource.query('SELECT count(*)::int AS n FROM engine.element_instance WHERE process_instance_id = $1', [started.instance.id]);
    expect(elements[0].n).toBe(2);
  });
});
