import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { compensable, throwCompensation } from '../../../testing/compensation-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

async function deployed(model: string): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(model);
  return h;
}

const undone = (h: EngineHarness, id: string) => h.path(id).filter((a) => a.startsWith('undo_'));
const snapshots = (h: EngineHarness) => [...h.store.variables.values()].filter((v) => v.scopeId.endsWith('#snapshot'));

const hotelInput = `<extensionElements><camunda:inputOutput><camunda:inputParameter name="hotel">Ritz</camunda:inputParameter></camunda:inputOutput></extensionElements>`;

/** start -> booking (a sub-process with `inner`) -> wait -> compensate -> after */
function trip(inner: string, outer = '', bookingAttributes = ''): string {
  return bpmn('trip', `
    <startEvent id="start"/>
    <subProcess id="booking" ${bookingAttributes}>
      ${inner}
    </subProcess>
    <userTask id="wait"/>
    ${throwCompensation}
    <userTask id="after"/>
    ${outer}
    ${flows('start', 'booking', 'wait', 'compensate', 'after')}`);
}

describe('compensation of sub-processes', () => {
  it('compensates the inner activities of a completed sub-process with its variables as they were when it completed', async () => {
    // given a booking sub-process whose local hotel variable changed before it completed
    const h = await deployed(trip(`${hotelInput}
      <startEvent id="bookingStart"/>
      ${compensable('bookHotel', `<userTask id="bookHotel"/>`, `<userTask id="undo_bookHotel" isForCompensation="true" camunda:assignee="\${hotel}"/>`)}
      <endEvent id="bookingEnd"/>
      ${flows('bookingStart', 'bookHotel', 'bookingEnd')}`));
    const id = await h.start('trip', { hotel: 'Hilton' });
    await h.complete(id, 'bookHotel', { hotel: 'Ritz Paris' });
    expect(h.variable(id, 'hotel')).toBe('Hilton');

    // when compensation is thrown after the sub-process completed
    await h.complete(id, 'wait');

    // then the sub-process is re-opened and the handler runs inside it, seeing the sub-process's variables
    expect(h.task(id, 'undo_bookHotel').assignee).toBe('Ritz Paris');
    expect(h.activeElements(id)).toEqual(['booking', 'compensate', 'undo_bookHotel']);
    const [completed, reopened] = h.activities(id).filter((a) => a.activityId === 'booking');
    expect(completed!.endTime).not.toBeNull();
    expect(reopened!.parentActivityInstanceId).toBe(h.activities(id).find((a) => a.activityId === 'compensate')!.id);
    expect(h.activities(id).find((a) => a.activityId === 'undo_bookHotel')!.parentActivityInstanceId).toBe(reopened!.id);

    // and once the handler is done the re-opened sub-process ends, the flow continues, nothing is left behind
    await h.complete(id, 'undo_bookHotel');
    expect(h.activeElements(id)).toEqual(['after']);
    expect(h.activities(id).filter((a) => a.activityId === 'booking').every((a) => a.endTime !== null && !a.canceled)).toBe(true);
    expect(snapshots(h)).toEqual([]);
    expect([...h.store.subscriptions.values()]).toEqual([]);
  });

  it('does not compensate inside a sub-process that has not completed', async () => {
    const h = await deployed(bpmn('trip', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      <subProcess id="booking">
        <startEvent id="bookingStart"/>
        ${compensable('bookHotel')}
        <userTask id="confirm"/>
        <endEvent id="bookingEnd"/>
        ${flows('bookingStart', 'bookHotel', 'confirm', 'bookingEnd')}
      </subProcess>
      <userTask id="wait"/>
      ${throwCompensation}
      <endEvent id="end"/>
      <endEvent id="booked"/>
      ${flows('start', 'fork', 'booking', 'booked')}
      ${flows('fork', 'wait', 'compensate', 'end')}`));
    const id = await h.start('trip');

    await h.complete(id, 'wait');

    expect(undone(h, id)).toEqual([]);
    expect(h.activeElements(id)).toEqual(['booking', 'confirm']);
  });

  it('a throw inside a sub-process compensates only that scope, and each activity only once', async () => {
    const h = await deployed(bpmn('trip', `
      <startEvent id="start"/>
      ${compensable('reserveFlight')}
      <subProcess id="booking">
        <startEvent id="bookingStart"/>
        ${compensable('bookHotel')}
        <intermediateThrowEvent id="compensateBooking"><compensateEventDefinition/></intermediateThrowEvent>
        <endEvent id="bookingEnd"/>
        ${flows('bookingStart', 'bookHotel', 'compensateBooking', 'bookingEnd')}
      </subProcess>
      <userTask id="wait"/>
      ${throwCompensation}
      <endEvent id="end"/>
      ${flows('start', 'reserveFlight', 'booking', 'wait', 'compensate', 'end')}`));
    const id = await h.start('trip');
    expect(undone(h, id)).toEqual(['undo_bookHotel']);

    await h.complete(id, 'wait');
    expect(undone(h, id)).toEqual(['undo_bookHotel', 'undo_reserveFlight']);
    expect(h.path(id).filter((a) => a === 'booking')).toHaveLength(1);
  });

  it('activityRef naming a sub-process compensates its inner activities only', async () => {
    const h = await deployed(bpmn('trip', `
      <startEvent id="start"/>
      ${compensable('reserveFlight')}
      <subProcess id="booking">
        <startEvent id="bookingStart"/>
        ${compensable('bookHotel')}
        ${compensable('bookCar')}
        <endEvent id="bookingEnd"/>
        ${flows('bookingStart', 'bookHotel', 'bookCar', 'bookingEnd')}
      </subProcess>
      <intermediateThrowEvent id="compensate"><compensateEventDefinition activityRef="booking"/></intermediateThrowEvent>
      <endEvent id="end"/>
      ${flows('start', 'reserveFlight', 'booking', 'compensate', 'end')}`));
    const id = await h.start('trip');

    expect(undone(h, id)).toEqual(['undo_bookCar', 'undo_bookHotel']);
  });

  it('a sub-process with its own handler: a throw for the scope runs it and the inner handlers; activityRef only its own', async () => {
    const model = (activityRef: string) => bpmn('trip', `
      <startEvent id="start"/>
      ${compensable('booking', `<subProcess id="booking">
          <startEvent id="bookingStart"/>
          ${compensable('bookHotel')}
          <endEvent id="bookingEnd"/>
          ${flows('bookingStart', 'bookHotel', 'bookingEnd')}
        </subProcess>`)}
      <intermediateThrowEvent id="compensate"><compensateEventDefinition ${activityRef}/></intermediateThrowEvent>
      <userTask id="after"/>
      ${flows('start', 'booking', 'compensate', 'after')}`);
    const h = await deployed(model(''));
    const all = await h.start('trip');
    expect(undone(h, all).sort()).toEqual(['undo_bookHotel', 'undo_booking']);

    const r = await deployed(model('activityRef="booking"'));
    const onlyOwn = await r.start('trip');
    expect(undone(r, onlyOwn)).toEqual(['undo_booking']);
  });

  it('compensates nested sub-processes recursively, each re-opened inside its parent', async () => {
    const h = await deployed(trip(`
      <startEvent id="bookingStart"/>
      <subProcess id="rooms">
        <startEvent id="roomsStart"/>
        ${compensable('bookRoom', `<task id="bookRoom"/>`, `<userTask id="undo_bookRoom" isForCompensation="true"/>`)}
        <endEvent id="roomsEnd"/>
        ${flows('roomsStart', 'bookRoom', 'roomsEnd')}
      </subProcess>
      <endEvent id="bookingEnd"/>
      ${flows('bookingStart', 'rooms', 'bookingEnd')}`));
    const id = await h.start('trip');
    await h.complete(id, 'wait');

    const latest = (activityId: string) => h.activities(id).filter((a) => a.activityId === activityId).at(-1)!;
    expect(latest('undo_bookRoom').parentActivityInstanceId).toBe(latest('rooms').id);
    expect(latest('rooms').parentActivityInstanceId).toBe(latest('booking').id);
    expect(latest('booking').parentActivityInstanceId).toBe(latest('compensate').id);
    await h.complete(id, 'undo_bookRoom');
    expect(h.activeElements(id)).toEqual(['after']);
  });

  it('a compensation event sub-process runs instead of the inner handlers and may compensate them itself', async () => {
    const h = await deployed(trip(`
      <startEvent id="bookingStart"/>
      ${compensable('bookHotel')}
      <endEvent id="bookingEnd"/>
      ${flows('bookingStart', 'bookHotel', 'bookingEnd')}
      <subProcess id="onCompensation" triggeredByEvent="true">
        <startEvent id="compensationStart"><compensateEventDefinition/></startEvent>
        <userTask id="apologize"/>
        <intermediateThrowEvent id="compensateInner"><compensateEventDefinition/></intermediateThrowEvent>
        <endEvent id="compensationEnd"/>
        ${flows('compensationStart', 'apologize', 'compensateInner', 'compensationEnd')}
      </subProcess>`));
    const id = await h.start('trip');
    await h.complete(id, 'wait');

    expect(h.activeElements(id)).toEqual(['apologize', 'booking', 'compensate', 'onCompensation']);
    expect(undone(h, id)).toEqual([]);
    expect(h.activities(id).find((a) => a.activityId === 'compensationStart')?.activityType).toBe('compensationStartEvent');

    await h.complete(id, 'apologize');
    expect(undone(h, id)).toEqual(['undo_bookHotel']);
    expect(h.activeElements(id)).toEqual(['after']);
  });

  it('a compensation thrown in an error event sub-process compensates the activities of the scope around it', async () => {
    const h = await deployed(bpmn('order', `
      <startEvent id="start"/>
      ${compensable('chargeCard')}
      <endEvent id="outOfStock"><errorEventDefinition errorRef="e"/></endEvent>
      ${flows('start', 'chargeCard', 'outOfStock')}
      <subProcess id="onError" triggeredByEvent="true">
        <startEvent id="errorStart"><errorEventDefinition errorRef="e"/></startEvent>
        <intermediateThrowEvent id="refund"><compensateEventDefinition/></intermediateThrowEvent>
        <userTask id="informCustomer"/>
        ${flows('errorStart', 'refund', 'informCustomer')}
      </subProcess>`, `<error id="e" errorCode="OUT_OF_STOCK"/>`));
    const id = await h.start('order');

    expect(undone(h, id)).toEqual(['undo_chargeCard']);
    expect(h.activeElements(id)).toEqual(['informCustomer', 'onError']);
  });

  it('compensates each completed instance of a multi-instance sub-process with its own variables', async () => {
    const h = await deployed(trip(`
      <multiInstanceLoopCharacteristics camunda:collection="\${hotels}" camunda:elementVariable="hotel"/>
      <startEvent id="bookingStart"/>
      ${compensable('bookHotel', `<task id="bookHotel"/>`, `<userTask id="undo_bookHotel" isForCompensation="true" camunda:assignee="\${hotel}"/>`)}
      <endEvent id="bookingEnd"/>
      ${flows('bookingStart', 'bookHotel', 'bookingEnd')}`));
    const id = await h.start('trip', { hotels: ['Ritz', 'Savoy'] });
    await h.complete(id, 'wait');

    expect(h.tasks(id).map((t) => t.assignee).sort()).toEqual(['Ritz', 'Savoy']);
  });

  it('keeps what a sub-process may compensate while it waits for its asyncAfter job (regression)', async () => {
    const h = await deployed(trip(`
      <startEvent id="bookingStart"/>
      ${compensable('bookHotel')}
      <endEvent id="bookingEnd"/>
      ${flows('bookingStart', 'bookHotel', 'bookingEnd')}`, '', 'camunda:asyncAfter="true"'));
    const id = await h.start('trip');
    expect(h.activeElements(id)).toEqual(['wait']);

    await h.complete(id, 'wait');
    expect(undone(h, id)).toEqual(['undo_bookHotel']);
  });

  it('drops the retained compensations and variables of a sub-process whose scope is cancelled', async () => {
    // given a completed inner sub-process retained in an outer one that is then interrupted
    const h = await deployed(bpmn('trip', `
      <startEvent id="start"/>
      <subProcess id="outer">
        ${hotelInput}
        <startEvent id="outerStart"/>
        <subProcess id="booking">
          ${hotelInput}
          <startEvent id="bookingStart"/>
          ${compensable('bookHotel')}
          <endEvent id="bookingEnd"/>
          ${flows('bookingStart', 'bookHotel', 'bookingEnd')}
        </subProcess>
        <userTask id="wait"/>
        <endEvent id="outerEnd"/>
        ${flows('outerStart', 'booking', 'wait', 'outerEnd')}
      </subProcess>
      <boundaryEvent id="cancelled" attachedToRef="outer"><messageEventDefinition messageRef="m"/></boundaryEvent>
      <userTask id="after"/>
      ${flows('start', 'outer')}
      ${flows('cancelled', 'after')}`, `<message id="m" name="tripCancelled"/>`));
    const id = await h.start('trip');
    expect(snapshots(h).map((v) => v.name)).toEqual(['hotel']);

    // when the outer sub-process is interrupted
    await h.engine.correlateMessage({ messageName: 'tripCancelled', processInstanceId: id, processVariables: new Map(), processVariablesLocal: new Map(), all: false });

    // then nothing of it is left to compensate
    expect(h.activeElements(id)).toEqual(['after']);
    expect(snapshots(h)).toEqual([]);
    expect([...h.store.subscriptions.values()]).toEqual([]);
  });
});
