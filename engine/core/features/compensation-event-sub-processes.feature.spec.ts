import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { compensable, throwCompensation } from '../../testing/compensation-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';

const undone = (h: EngineHarness, id: string) => h.path(id).filter((a) => a.startsWith('undo_'));

/** start -> booking (a sub-process with a compensation event sub-process) -> wait -> compensate -> after */
function trip(eventSubProcessAttributes: string): string {
  return bpmn('trip', `
    <startEvent id="start"/>
    <subProcess id="booking">
      <startEvent id="bookingStart"/>
      ${compensable('bookHotel')}
      <endEvent id="bookingEnd"/>
      ${flows('bookingStart', 'bookHotel', 'bookingEnd')}
      <subProcess id="onCompensation" triggeredByEvent="true" ${eventSubProcessAttributes}>
        <startEvent id="compensationStart"><compensateEventDefinition/></startEvent>
        <userTask id="apologize"/>
        <intermediateThrowEvent id="compensateInner"><compensateEventDefinition/></intermediateThrowEvent>
        <endEvent id="compensationEnd"/>
        ${flows('compensationStart', 'apologize', 'compensateInner', 'compensationEnd')}
      </subProcess>
    </subProcess>
    <userTask id="wait"/>
    ${throwCompensation}
    <userTask id="after"/>
    ${flows('start', 'booking', 'wait', 'compensate', 'after')}`);
}

async function compensatedTrip(eventSubProcessAttributes: string): Promise<{ h: EngineHarness; id: string; steps: unknown[] }> {
  const h = new EngineHarness();
  await h.deploy(trip(eventSubProcessAttributes));
  const id = await h.start('trip');
  await h.complete(id, 'wait');
  const steps: unknown[] = [h.activeElements(id), undone(h, id)];
  await h.complete(id, 'apologize');
  steps.push(undone(h, id), h.activeElements(id));
  return { h, id, steps };
}

describe('feature: compensation event sub-processes marked isForCompensation', () => {
  it('a compensation event sub-process marked isForCompensation="true" runs when its sub-process is compensated', async () => {
    const { steps } = await compensatedTrip('isForCompensation="true"');

    expect(steps).toEqual([
      ['apologize', 'booking', 'compensate', 'onCompensation'],
      [],
      ['undo_bookHotel'],
      ['after'],
    ]);
  });

  it('compensates exactly like the same model without the attribute', async () => {
    const marked = await compensatedTrip('isForCompensation="true"');
    const unmarked = await compensatedTrip('');

    expect(marked.steps).toEqual(unmarked.steps);
    expect(marked.h.path(marked.id)).toEqual(unmarked.h.path(unmarked.id));
  });

});
