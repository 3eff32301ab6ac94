import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { compensable, throwCompensation } from '../../../testing/compensation-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

async function deployed(model: string): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(model);
  return h;
}

const undone = (h: EngineHarness, id: string) => h.path(id).filter((a) => a.startsWith('undo_'));
const activity = (h: EngineHarness, id: string, activityId: string) => h.activities(id).find((a) => a.activityId === activityId);

/**
 * An order transaction: stock is reserved and the card charged while a partner confirms; if the
 * payment failed (`paid` false) a cancel end event cancels the transaction.
 */
function orderTransaction(options: { chargeCard?: string; chargeHandler?: string; inner?: string } = {}): string {
  return bpmn('order', `
    <startEvent id="start"/>
    <transaction id="placeOrder">
      ${options.inner ?? ''}
      <startEvent id="txStart"/>
      <parallelGateway id="fork"/>
      ${compensable('reserveStock')}
      ${compensable('chargeCard', options.chargeCard, options.chargeHandler)}
      <exclusiveGateway id="paymentOk" default="failed"/>
      <endEvent id="txEnd"/>
      <endEvent id="cancelOrder"><cancelEventDefinition/></endEvent>
      <userTask id="confirmWithPartner"/>
      <endEvent id="confirmed"/>
      ${flows('txStart', 'fork', 'reserveStock', 'chargeCard', 'paymentOk')}
      ${flows('fork', 'confirmWithPartner', 'confirmed')}
      <sequenceFlow id="ok" sourceRef="paymentOk" targetRef="txEnd"><conditionExpression xsi:type="tFormalExpression">\${paid}</conditionExpression></sequenceFlow>
      <sequenceFlow id="failed" sourceRef="paymentOk" targetRef="cancelOrder"/>
    </transaction>
    <boundaryEvent id="orderCancelled" attachedToRef="placeOrder"><cancelEventDefinition/></boundaryEvent>
    <userTask id="informCustomer"/>
    <userTask id="ship"/>
    ${flows('start', 'placeOrder', 'ship')}
    ${flows('orderCancelled', 'informCustomer')}`);
}

describe('transaction sub-process', () => {
  it('behaves as an embedded sub-process when it completes', async () => {
    const h = await deployed(orderTransaction());
    const id = await h.start('order', { paid: true });
    await h.complete(id, 'confirmWithPartner');

    expect(h.activeElements(id)).toEqual(['ship']);
    expect(activity(h, id, 'placeOrder')?.activityType).toBe('transaction');
    expect(undone(h, id)).toEqual([]);
  });

  it('a cancel end event cancels the rest of the transaction, compensates it, and leaves through the cancel boundary event', async () => {
    // given a payment that failed while the partner still confirms
    const h = await deployed(orderTransaction());

    // when the transaction reaches its cancel end event
    const id = await h.start('order', { paid: false });

    // then the running branch is cancelled, the completed work compensated latest first
    expect(activity(h, id, 'confirmWithPartner')?.canceled).toBe(true);
    expect(undone(h, id)).toEqual(['undo_chargeCard', 'undo_reserveStock']);
    // and the transaction is left through the cancel boundary event
    expect(h.activeElements(id)).toEqual(['informCustomer']);
    expect(activity(h, id, 'placeOrder')?.canceled).toBe(true);
    expect(activity(h, id, 'cancelOrder')?.activityType).toBe('cancelEndEvent');
    expect(activity(h, id, 'orderCancelled')?.activityType).toBe('cancelBoundaryCatch');
    expect(h.path(id).indexOf('orderCancelled')).toBeGreaterThan(h.path(id).indexOf('undo_reserveStock'));
    expect([...h.store.subscriptions.values()]).toEqual([]);
  });

  it('leaves only after the compensation handlers are done', async () => {
    const h = await deployed(orderTransaction({ chargeHandler: `<userTask id="undo_chargeCard" isForCompensation="true"/>` }));
    const id = await h.start('order', { paid: false });

    expect(h.activeElements(id)).toEqual(['cancelOrder', 'placeOrder', 'undo_chargeCard']);
    await h.complete(id, 'undo_chargeCard');
    expect(h.activeElements(id)).toEqual(['informCustomer']);
  });

  it('with nothing to compensate leaves through the cancel boundary event at once', async () => {
    const h = await deployed(bpmn('order', `
      <startEvent id="start"/>
      <transaction id="placeOrder">
        <startEvent id="txStart"/>
        <endEvent id="cancelOrder"><cancelEventDefinition/></endEvent>
        ${flows('txStart', 'cancelOrder')}
      </transaction>
      <boundaryEvent id="orderCancelled" attachedToRef="placeOrder"><cancelEventDefinition/></boundaryEvent>
      <userTask id="informCustomer"/>
      <endEvent id="end"/>
      ${flows('start', 'placeOrder', 'end')}
      ${flows('orderCancelled', 'informCustomer')}`));
    const id = await h.start('order');

    expect(h.path(id)).toEqual(['start', 'placeOrder', 'txStart', 'cancelOrder', 'orderCancelled', 'informCustomer']);
  });

  it('compensates a completed sub-process inside the transaction, not a running one', async () => {
    const h = await deployed(orderTransaction({
      inner: `
        <subProcess id="packaging">
          <startEvent id="packStart"/>
          ${compensable('reserveBox')}
          <endEvent id="packEnd"/>
          ${flows('packStart', 'reserveBox', 'packEnd')}
        </subProcess>
        <subProcess id="labelling">
          <startEvent id="labelStart"/>
          ${compensable('printLabel')}
          <userTask id="stickLabel"/>
          <endEvent id="labelEnd"/>
          ${flows('labelStart', 'printLabel', 'stickLabel', 'labelEnd')}
        </subProcess>
        ${flows('fork', 'packaging')}
        ${flows('fork', 'labelling')}`,
      chargeCard: `<userTask id="chargeCard"/>`,
    }));
    const id = await h.start('order', { paid: false });
    expect(h.activeElements(id)).toEqual(['chargeCard', 'confirmWithPartner', 'labelling', 'placeOrder', 'stickLabel']);

    // when the payment fails after packaging completed, while labelling still runs
    await h.complete(id, 'chargeCard');

    expect(undone(h, id).sort()).toEqual(['undo_chargeCard', 'undo_reserveBox', 'undo_reserveStock']);
    expect(activity(h, id, 'stickLabel')?.canceled).toBe(true);
    expect(h.activeElements(id)).toEqual(['informCustomer']);
  });

  it('a transaction that completed can be compensated later from its scope', async () => {
    const h = await deployed(orderTransaction().replace(
      `${flows('start', 'placeOrder', 'ship')}`,
      `${throwCompensation}${flows('start', 'placeOrder', 'ship', 'compensate')}`));
    const id = await h.start('order', { paid: true });
    await h.complete(id, 'confirmWithPartner');
    expect(undone(h, id)).toEqual([]);

    // when the shipment fails after the transaction completed
    await h.complete(id, 'ship');

    expect(undone(h, id)).toEqual(['undo_chargeCard', 'undo_reserveStock']);
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('a cancel in one instance of a multi-instance transaction cancels every instance', async () => {
    const h = await deployed(orderTransaction({
      inner: `<multiInstanceLoopCharacteristics camunda:collection="\${payments}" camunda:elementVariable="paid"/>`,
    }));
    const id = await h.start('order', { payments: [true, false, true] });

    expect(h.activeElements(id)).toEqual(['informCustomer']);
    expect(h.path(id).filter((a) => a === 'orderCancelled')).toHaveLength(1);
    expect(h.activities(id).filter((a) => a.activityId === 'confirmWithPartner').every((a) => a.canceled)).toBe(true);
    // only the cancelled instance compensated its own work
    expect(undone(h, id)).toEqual(['undo_chargeCard', 'undo_reserveStock']);
  });
});
