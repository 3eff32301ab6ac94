import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { compensable, throwCompensation } from '../../../testing/compensation-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';
import { InMemoryEngineStore } from '../../../testing/in-memory-store.js';
import { InlineDispatcher } from '../../../testing/inline-dispatcher.js';
import { Engine } from '../../engine.js';
import { OWNED_KINDS } from '../../execution/owned-kinds.js';

async function deployed(model: string): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(model);
  return h;
}

/** start -> charge (compensable by `handler`) -> wait (user task) -> compensate -> after (user task) */
function refundProcess(handler: string): string {
  return bpmn('payment', `
    <startEvent id="start"/>
    ${compensable('charge', `<task id="charge"/>`, handler)}
    <userTask id="wait"/>
    ${throwCompensation}
    <userTask id="after"/>
    ${flows('start', 'charge', 'wait', 'compensate', 'after')}`);
}

const count = (h: EngineHarness, id: string, activityId: string) => h.path(id).filter((a) => a === activityId).length;

describe('compensation handlers', () => {
  it('an external service task handler waits for its worker', async () => {
    const h = await deployed(refundProcess(`<serviceTask id="refund" isForCompensation="true" camunda:type="external" camunda:topic="crm.payment.refund"/>`));
    const id = await h.start('payment');
    await h.complete(id, 'wait');

    expect(h.externalTasks(id).map((t) => t.topic)).toEqual(['crm.payment.refund']);
    expect(h.activeElements(id)).toEqual(['compensate', 'refund']);
    await h.completeExternal(id, 'refund');
    expect(h.activeElements(id)).toEqual(['after']);
  });

  it('an in-process topic handler runs in its job', async () => {
    const h = new EngineHarness();
    const refunds: unknown[] = [];
    h.handlers.set('crm.payment.refund', async (input) => {
      refunds.push(input.variables['amount']);
      return { outcome: 'complete', variables: {} };
    });
    await h.deploy(refundProcess(`<serviceTask id="refund" isForCompensation="true" camunda:type="external" camunda:topic="crm.payment.refund"/>`));
    const id = await h.start('payment', { amount: 250 });
    await h.complete(id, 'wait');

    expect(refunds).toEqual([250]);
    expect(h.activeElements(id)).toEqual(['after']);
  });

  it('a script handler sees the variables of the scope it compensates in', async () => {
    const h = await deployed(refundProcess(`<scriptTask id="refund" isForCompensation="true" scriptFormat="juel" camunda:resultVariable="refunded"><script>\${amount * -1}</script></scriptTask>`));
    const id = await h.start('payment', { amount: 250 });
    await h.complete(id, 'wait', { amount: 300 });

    expect(h.variable(id, 'refunded')).toBe(-300);
    expect(h.activeElements(id)).toEqual(['after']);
  });

  it('a sub-process handler runs its own flow', async () => {
    const h = await deployed(refundProcess(`
      <subProcess id="refund" isForCompensation="true">
        <startEvent id="refundStart"/>
        <userTask id="callCustomer"/>
        <endEvent id="refundEnd"/>
        ${flows('refundStart', 'callCustomer', 'refundEnd')}
      </subProcess>`));
    const id = await h.start('payment');
    await h.complete(id, 'wait');

    expect(h.activeElements(id)).toEqual(['callCustomer', 'compensate', 'refund']);
    await h.complete(id, 'callCustomer');
    expect(h.activeElements(id)).toEqual(['after']);
    expect(h.path(id)).toEqual(['start', 'charge', 'wait', 'compensate', 'refund', 'refundStart', 'callCustomer', 'refundEnd', 'after']);
  });

  it('a call activity is compensated by its handler once the called instance completed', async () => {
    const h = new EngineHarness();
    await h.deploy(refundProcess(`<task id="undo_charge" isForCompensation="true"/>`).replace('<task id="charge"/>', '<callActivity id="charge" calledElement="payment"/>').replace(/process id="payment"/, 'process id="order"'),
      bpmn('payment', `<startEvent id="s"/><endEvent id="e"/>${flows('s', 'e')}`));
    const id = await h.start('order');
    await h.complete(id, 'wait');

    expect(count(h, id, 'undo_charge')).toBe(1);
    expect(h.activeElements(id)).toEqual(['after']);
  });

  it('compensates each iteration of a standard loop', async () => {
    const h = await deployed(refundProcess(`<task id="undo_charge" isForCompensation="true"/>`).replace(
      '<task id="charge"/>', '<task id="charge"><standardLoopCharacteristics loopMaximum="3"/></task>'));
    const id = await h.start('payment');
    expect(count(h, id, 'charge')).toBe(3);

    await h.complete(id, 'wait');
    expect(count(h, id, 'undo_charge')).toBe(3);
  });

  describe('multi-instance activities', () => {
    const approvals = (loop: string, extra = '') => bpmn('approvals', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      ${compensable('approve', `<userTask id="approve">${loop}</userTask>`)}
      <userTask id="wait"/>
      ${throwCompensation}
      <endEvent id="end"/>
      <endEvent id="approved"/>
      ${extra}
      ${flows('start', 'fork', 'approve', 'approved')}
      ${flows('fork', 'wait', 'compensate', 'end')}`);

    it('compensates each completed instance once the activity ended', async () => {
      const h = await deployed(approvals(`<multiInstanceLoopCharacteristics camunda:collection="\${approvers}" camunda:elementVariable="approver"/>`));
      const id = await h.start('approvals', { approvers: ['ann', 'bob', 'cy'] });
      for (const task of h.tasks(id).filter((t) => t.taskDefinitionKey === 'approve')) {
        await h.engine.completeTask({ taskId: task.id, variables: new Map() });
      }

      await h.complete(id, 'wait');

      expect(count(h, id, 'undo_approve')).toBe(3);
      expect(h.state(id)).toBe('COMPLETED');
    });

    it('does not compensate instances of a multi-instance activity that has not ended yet', async () => {
      const h = await deployed(approvals(`<multiInstanceLoopCharacteristics isSequential="true" camunda:collection="\${approvers}" camunda:elementVariable="approver"/>`));
      const id = await h.start('approvals', { approvers: ['ann', 'bob'] });
      await h.complete(id, 'approve');

      await h.complete(id, 'wait');

      expect(count(h, id, 'undo_approve')).toBe(0);
      expect(h.activeElements(id)).toEqual(['approve', 'approve']); // the body and bob's instance
    });

    it('compensates only the instances that completed before the completion condition held', async () => {
      const h = await deployed(approvals(`<multiInstanceLoopCharacteristics camunda:collection="\${approvers}" camunda:elementVariable="approver">
          <completionCondition xsi:type="tFormalExpression">\${nrOfCompletedInstances >= 2}</completionCondition>
        </multiInstanceLoopCharacteristics>`));
      const id = await h.start('approvals', { approvers: ['ann', 'bob', 'cy'] });
      const [first, second] = h.tasks(id).filter((t) => t.taskDefinitionKey === 'approve');
      await h.engine.completeTask({ taskId: first!.id, variables: new Map() });
      await h.engine.completeTask({ taskId: second!.id, variables: new Map() });

      await h.complete(id, 'wait');

      expect(count(h, id, 'undo_approve')).toBe(2);
    });
  });
});

describe('compensation across engines', () => {
  it('a fresh engine on a copy of the stored state compensates what completed under the first one', async () => {
    // given a completed sub-process (with a local variable) and a compensable task, then a wait state
    const h = await deployed(bpmn('trip', `
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
      ${flows('start', 'reserveFlight', 'booking', 'wait', 'compensate', 'end')}`));
    const id = await h.start('trip');

    // when a new engine works on a copy of every stored table
    const store = new InMemoryEngineStore(h.clock);
    const tables = ['deployments', 'resources', 'definitions', 'instances', ...OWNED_KINDS] as const;
    for (const table of tables) for (const [k, v] of h.store[table] as Map<string, unknown>) (store[table] as Map<string, unknown>).set(k, structuredClone(v));
    for (const [name, table] of Object.entries(h.store.history)) for (const [k, v] of table) store.history[name as keyof typeof store.history].set(k, v);
    let n = 0;
    const engine = new Engine({
      store, dispatcher: new InlineDispatcher(), clock: h.clock, ids: { next: () => `second-${++n}` }, handlers: { handlerFor: () => undefined }, workerId: 'second',
    });
    const task = (key: string) => [...store.tasks.values()].find((t) => t.taskDefinitionKey === key)!;
    await engine.completeTask({ taskId: task('wait').id, variables: new Map() });

    // then the sub-process is re-opened with its variables and both handlers ran
    expect(task('undo_bookHotel').assignee).toBe('Ritz');
    const ran = ([...store.history.activityInstance.values()] as { processInstanceId: string; activityId: string }[])
      .filter((a) => a.processInstanceId === id).map((a) => a.activityId);
    expect(ran).toContain('undo_reserveFlight');
    await engine.completeTask({ taskId: task('undo_bookHotel').id, variables: new Map() });
    expect((store.history.processInstance.get(id) as { state: string }).state).toBe('COMPLETED');
    expect([...store.variables.values()]).toEqual([]);
    expect([...store.subscriptions.values()]).toEqual([]);
  });
});
