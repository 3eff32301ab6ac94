import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { openSqlEngine, type SqlEngineFixture } from '../support/sql-engine.js';

/** The heartbeat's SQL: a running job's lock is extended from the database's now, only by its owner. */
describe('job lock renewal on the SQL store', () => {
  let fx: SqlEngineFixture;

  beforeAll(async () => {
    fx = await openSqlEngine();
  });
  afterAll(() => fx?.close());

  it('extends the owner\'s lock and refuses anyone else', async () => {
    await fx.engine.deploy({
      name: 'renewal', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false,
      resources: [{ name: 'async.bpmn', content: bpmn('renewal', `
        <startEvent id="start"/>
        <task id="work" camunda:asyncBefore="true"/>
        <endEvent id="end"/>
        ${flows('start', 'work', 'end')}`) }],
    });
    await fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'renewal' }, businessKey: null, variables: new Map() });
    const [{ id }] = await fx.db.dataSource.query(`SELECT id FROM engine.job`);
    expect(await fx.store.claimJob(id, 'node-a', 1_000)).not.toBeNull();

    expect(await fx.store.renewJobLock(id, 'node-a', 600_000)).toBe(true);
    const [renewed] = await fx.db.dataSource.query(`SELECT lock_owner, lock_expiration > now() + interval '5 minutes' AS extended FROM engine.job WHERE id = $1`, [id]);
    expect(renewed).toEqual({ lock_owner: 'node-a', extended: true });

    expect(await fx.store.renewJobLock(id, 'node-b', 600_000)).toBe(false);
    expect(await fx.store.claimJob(id, 'node-b', 1_000)).toBeNull();
    expect(await fx.store.renewJobLock('no-such-job', 'node-a', 1_000)).toBe(false);
  });
});
