import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { compensable, throwCompensation as throwAll } from '../../../testing/compensation-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

async function deployed(model: string): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(model);
  return h;
}

/** the handlers that ran, in the order they started */
const undone = (h: EngineHarness, id: string) => h.path(id).filter((a) => a.startsWith('undo_'));

describe('compensation: boundary events, throw and end events', () => {
  it('a throw event runs the handler of a completed activity, waits for it, then continues', async () => {
    // given a booked hotel whose cancellation is a user task
    const h = await deployed(bpmn('trip', `
      <startEvent id="start"/>
      ${compensable('bookHotel', `<task id="bookHotel"/>`, `<userTask id="undo_bookHotel" isForCompensation="true"/>`)}
      ${throwAll}
      <userTask id="after"/>
      ${flows('start', 'bookHotel', 'compensate', 'after')}`));

    // when the instance reaches the throw event
    const id = await h.start('trip');

    // then the handler runs and the throw event waits for it
    expect(h.activeElements(id)).toEqual(['compensate', 'undo_bookHotel']);
    const booked = h.activities(id).find((a) => a.activityId === 'bookHotel')!;
    const handler = [...h.store.elements.values()].find((e) => e.elementId === 'undo_bookHotel')!;
    expect(handler.data.compensates).toBe(booked.id);
    expect(h.activities(id).find((a) => a.activityId === 'compensate')?.activityType).toBe('intermediateCompensationThrowEvent');

    // and once the handler is done the flow continues; nothing is left to compensate
    await h.complete(id, 'undo_bookHotel');
    expect(h.activeElements(id)).toEqual(['after']);
    expect([...h.store.subscriptions.values()]).toEqual([]);
  });

  it('compensates every completed activity of the scope, the latest completed first', async () => {
    const h = await deployed(bpmn('order', `
      <startEvent id="start"/>
      ${compensable('reserveStock')}
      ${compensable('chargeCard')}
      ${compensable('sendContract')}
      ${throwAll}
      <endEvent id="end"/>
      ${flows('start', 'reserveStock', 'chargeCard', 'sendContract', 'compensate', 'end')}`));
    const id = await h.start('order');

    expect(undone(h, id)).toEqual(['undo_sendContract', 'undo_chargeCard', 'undo_reserveStock']);
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('starts the handlers at once, also those of concurrent branches, and waits for all of them', async () => {
    const h = await deployed(bpmn('deal', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      ${compensable('reserveStock', `<task id="reserveStock"/>`, `<userTask id="undo_reserveStock" isForCompensation="true"/>`)}
      ${compensable('bookCourier', `<task id="bookCourier"/>`, `<userTask id="undo_bookCourier" isForCompensation="true"/>`)}
      <parallelGateway id="join"/>
      ${throwAll}
      <userTask id="after"/>
      ${flows('start', 'fork', 'reserveStock', 'join', 'compensate', 'after')}
      ${flows('fork', 'bookCourier', 'join')}`));
    const id = await h.start('deal');

    expect(h.activeElements(id)).toEqual(['compensate', 'undo_bookCourier', 'undo_reserveStock']);
    await h.complete(id, 'undo_bookCourier');
    expect(h.activeElements(id)).toEqual(['compensate', 'undo_reserveStock']);
    await h.complete(id, 'undo_reserveStock');
    expect(h.activeElements(id)).toEqual(['after']);
  });

  it('compensates only activities that completed: not one still running, cancelled or never reached', async () => {
    const h = await deployed(bpmn('lead', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      ${compensable('qualify')}
      ${compensable('callLead', `<userTask id="callLead"/>`)}
      ${compensable('meetLead', `<userTask id="meetLead"/>`)}
      <boundaryEvent id="tooLate" attachedToRef="meetLead"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
      <endEvent id="gaveUp"/>
      ${compensable('neverReached')}
      <userTask id="wait"/>
      ${throwAll}
      <endEvent id="end"/>
      ${flows('start', 'fork', 'qualify', 'wait', 'compensate', 'end')}
      ${flows('fork', 'callLead', 'neverReached')}
      ${flows('fork', 'meetLead')}
      ${flows('tooLate', 'gaveUp')}`));
    const id = await h.start('lead');
    await h.advance(3_600_000);

    // when compensation is thrown while callLead still runs and meetLead was cancelled
    await h.complete(id, 'wait');

    // then only the completed qualify is compensated
    expect(undone(h, id)).toEqual(['undo_qualify']);
    expect(h.activeElements(id)).toEqual(['callLead']);
  });

  it('runs a handler as many times as its activity completed, and each completion only once', async () => {
    // given an offer that is revised twice in a loop
    const h = await deployed(bpmn('offer', `
      <startEvent id="start"/>
      ${compensable('sendOffer', `<scriptTask id="sendOffer" scriptFormat="juel" camunda:resultVariable="sent"><script>\${sent + 1}</script></scriptTask>`)}
      <exclusiveGateway id="again" default="done"/>
      <userTask id="decide"/>
      ${throwAll}
      <intermediateThrowEvent id="compensateAgain"><compensateEventDefinition/></intermediateThrowEvent>
      <endEvent id="end"/>
      ${flows('start', 'sendOffer', 'again')}
      <sequenceFlow id="revise" sourceRef="again" targetRef="sendOffer"><conditionExpression xsi:type="tFormalExpression">\${sent &lt; 2}</conditionExpression></sequenceFlow>
      <sequenceFlow id="done" sourceRef="again" targetRef="decide"/>
      ${flows('decide', 'compensate', 'compensateAgain', 'end')}`));
    const id = await h.start('offer', { sent: 0 });

    // when compensation is thrown twice
    await h.complete(id, 'decide');

    // then both sent offers were withdrawn by the first throw, and the second found nothing left
    expect(undone(h, id)).toEqual(['undo_sendOffer', 'undo_sendOffer']);
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('with activityRef compensates only the referenced activity', async () => {
    const h = await deployed(bpmn('order', `
      <startEvent id="start"/>
      ${compensable('reserveStock')}
      ${compensable('chargeCard')}
      <intermediateThrowEvent id="refund"><compensateEventDefinition activityRef="chargeCard"/></intermediateThrowEvent>
      <userTask id="after"/>
      <intermediateThrowEvent id="releaseAll"><compensateEventDefinition/></intermediateThrowEvent>
      <endEvent id="end"/>
      ${flows('start', 'reserveStock', 'chargeCard', 'refund', 'after', 'releaseAll', 'end')}`));
    const id = await h.start('order');
    expect(undone(h, id)).toEqual(['undo_chargeCard']);

    // and the other compensation stays available
    await h.complete(id, 'after');
    expect(undone(h, id)).toEqual(['undo_chargeCard', 'undo_reserveStock']);
  });

  it('with waitForCompletion="false" the throw event continues at once; the scope waits for the handler', async () => {
    const h = await deployed(bpmn('notify', `
      <startEvent id="start"/>
      ${compensable('notifyCustomer', `<task id="notifyCustomer"/>`, `<userTask id="undo_notifyCustomer" isForCompensation="true"/>`)}
      <intermediateThrowEvent id="compensate"><compensateEventDefinition waitForCompletion="false"/></intermediateThrowEvent>
      <task id="after"/>
      <endEvent id="end"/>
      ${flows('start', 'notifyCustomer', 'compensate', 'after', 'end')}`));
    const id = await h.start('notify');

    expect(h.path(id)).toEqual(['start', 'notifyCustomer', 'compensate', 'undo_notifyCustomer', 'after', 'end']);
    expect(h.activeElements(id)).toEqual(['undo_notifyCustomer']);
    expect(h.state(id)).toBe('ACTIVE');
    await h.complete(id, 'undo_notifyCustomer');
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('a throw event with nothing to compensate passes straight on', async () => {
    const h = await deployed(bpmn('nothing', `
      <startEvent id="start"/>
      ${compensable('neverReached')}
      ${throwAll}
      <userTask id="after"/>
      ${flows('start', 'compensate', 'after', 'neverReached')}`));
    const id = await h.start('nothing');
    expect(h.path(id)).toEqual(['start', 'compensate', 'after']);
  });

  it('a compensation end event compensates and ends its path once the handlers are done', async () => {
    const h = await deployed(bpmn('rollback', `
      <startEvent id="start"/>
      ${compensable('openAccount', `<task id="openAccount"/>`, `<userTask id="undo_openAccount" isForCompensation="true"/>`)}
      <endEvent id="rolledBack"><compensateEventDefinition/></endEvent>
      ${flows('start', 'openAccount', 'rolledBack')}`));
    const id = await h.start('rollback');

    expect(h.activeElements(id)).toEqual(['rolledBack', 'undo_openAccount']);
    expect(h.activities(id).find((a) => a.activityId === 'rolledBack')?.activityType).toBe('compensationEndEvent');
    await h.complete(id, 'undo_openAccount');
    expect(h.state(id)).toBe('COMPLETED');
    expect(h.historicInstance(id)?.endActivityId).toBe('rolledBack');
  });
});
