import { randomUUID } from 'node:crypto';
import { SqlEngineStore } from '../../engine/adapters/typeorm/sql-engine-store.js';
import { Engine } from '../../engine/core/engine.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { compensable, throwCompensation } from '../../engine/testing/compensation-fixture.js';
import { typed } from '../../engine/testing/engine-harness.js';
import { InlineDispatcher } from '../../engine/testing/inline-dispatcher.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Compensation state (subscriptions, retained variables, re-opened scopes) stored between commands in SQL. */
describe('compensation on the SQL store', () => {
  let db: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    db = await openTestDatabase();
    engine = new Engine({
      store: new SqlEngineStore(db.dataSource),
      dispatcher: new InlineDispatcher(),
      clock: { now: () => new Date() },
      ids: { next: () => randomUUID() },
      handlers: { handlerFor: () => undefined },
      workerId: 'spec',
    });
  });
  afterAll(() => db?.close());

  const trip = bpmn('trip', `
    <startEvent id="start"/>
    ${compensable('reserveFlight')}
    <subProcess id="booking">
      <extensionElements><camunda:inputOutput><camunda:inputParameter name="hotel">Ritz</camunda:inputParameter></camunda:inputOutput></extensionElements>
      <startEvent id="bookingStart"/>
      ${compensable('bookHotel', `<task id="bookHotel"/>`, `<userTask id="undo_bookHotel" isForCompensation="true" camunda:assignee="\${hotel}"/>`)}
      <endEvent id="bookingEnd"/>
      ${flows('bookingStart', 'bookHotel', 'bookingEnd')}
    </subProcess>
    <userTask id="wait"/>
    ${throwCompensation}
    <endEvent id="end"/>
    ${flows('start', 'reserveFlight', 'booking', 'wait', 'compensate', 'end')}`);

  const taskOf = async (instanceId: string, key: string) =>
    (await db.dataSource.query('SELECT id, assignee FROM engine.task WHERE process_instance_id = $1 AND task_definition_key = $2', [instanceId, key]))[0] as { id: string; assignee: string | null };
  const count = async (table: string, instanceId: string) =>
    (await db.dataSource.query(`SELECT count(*)::int AS n FROM engine.${table} WHERE process_instance_id = $1`, [instanceId]))[0].n as number;

  it('compensates in a later command what an earlier one completed, then leaves nothing behind', async () => {
    await engine.deploy({ name: 'trip', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false, resources: [{ name: 'trip.bpmn', content: trip }] });
    const started = await engine.startProcessInstance({ definition: { by: 'latest', key: 'trip' }, businessKey: null, variables: typed({ hotel: 'Hilton' }) });
    const id = started.instance.id;
    expect(await count('event_subscription', id)).toBe(3);

    await engine.completeTask({ taskId: (await taskOf(id, 'wait')).id, variables: new Map() });
    const handler = await taskOf(id, 'undo_bookHotel');
    expect(handler.assignee).toBe('Ritz');

    await engine.completeTask({ taskId: handler.id, variables: new Map() });
    const [history] = await db.dataSource.query('SELECT state FROM engine.hist_process_instance WHERE id = $1', [id]);
    expect(history.state).toBe('COMPLETED');
    const ran = await db.dataSource.query('SELECT activity_id FROM engine.hist_activity_instance WHERE process_instance_id = $1 AND activity_id LIKE $2', [id, 'undo_%']);
    expect(ran.map((r: { activity_id: string }) => r.activity_id).sort()).toEqual(['undo_bookHotel', 'undo_reserveFlight']);
    expect(await count('event_subscription', id)).toBe(0);
    expect(await count('variable', id)).toBe(0);
  });
});
