import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../../testing/engine-harness.js';

const HOUR = 3_600_000;

/** after sending a quote: wait for the customer's answer, or remind after 3 days */
const quote = bpmn('quote', `
  <startEvent id="start"/>
  <eventBasedGateway id="waitAnswer"/>
  <intermediateCatchEvent id="answered"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
  <intermediateCatchEvent id="threeDays"><timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition></intermediateCatchEvent>
  <receiveTask id="cancelled" messageRef="c"/>
  <userTask id="processAnswer"/>
  <userTask id="remind"/>
  <endEvent id="cancelEnd"/>
  ${flows('start', 'waitAnswer', 'answered', 'processAnswer')}
  ${flows('waitAnswer', 'threeDays', 'remind')}
  ${flows('waitAnswer', 'cancelled', 'cancelEnd')}`, `<message id="m" name="quoteAnswered"/><message id="c" name="quoteCancelled"/>`);

async function waiting() {
  const h = new EngineHarness();
  await h.deploy(quote);
  const id = await h.start('quote', {}, 'quote-1');
  return { h, id };
}

const correlate = (h: EngineHarness, messageName: string, variables: Record<string, unknown> = {}) =>
  h.engine.correlateMessage({ messageName, businessKey: 'quote-1', processVariables: typed(variables), processVariablesLocal: new Map(), all: false });

describe('event-based gateway', () => {
  it('waits for all of its events at once', async () => {
    const { h, id } = await waiting();
    expect(h.activeElements(id)).toEqual(['waitAnswer']);
    expect([...h.store.subscriptions.values()].map((s) => s.eventName).sort()).toEqual(['quoteAnswered', 'quoteCancelled']);
    const timers = [...h.store.jobs.values()];
    expect(timers.map((j) => [j.type, j.activityId, j.dueAt.toISOString()])).toEqual([['timer', 'threeDays', '2026-01-08T09:00:00.000Z']]);
  });

  it('a message wins: the path continues there and the timer job is gone', async () => {
    const { h, id } = await waiting();

    await correlate(h, 'quoteAnswered', { accepted: true });

    expect(h.activeElements(id)).toEqual(['processAnswer']);
    expect(h.path(id)).toEqual(['start', 'waitAnswer', 'answered', 'processAnswer']);
    expect(h.variable(id, 'accepted')).toBe(true);
    expect(h.store.jobs.size).toBe(0);
    expect(h.store.subscriptions.size).toBe(0);

    // and the timer never fires later
    await h.advance(4 * 24 * HOUR);
    expect(h.activeElements(id)).toEqual(['processAnswer']);
  });

  it('the timer wins: the path continues there and the message subscriptions are gone', async () => {
    const { h, id } = await waiting();

    await h.advance(3 * 24 * HOUR);

    expect(h.activeElements(id)).toEqual(['remind']);
    expect(h.path(id)).toEqual(['start', 'waitAnswer', 'threeDays', 'remind']);
    expect(h.store.subscriptions.size).toBe(0);
    await expect(correlate(h, 'quoteAnswered')).rejects.toThrow(/No process definition or execution matches/);
  });

  it('a receive task after the gateway completes with the message that chose it', async () => {
    const { h, id } = await waiting();
    await correlate(h, 'quoteCancelled');
    expect(h.path(id)).toEqual(['start', 'waitAnswer', 'cancelled', 'cancelEnd']);
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('is refused at deployment when it leads to something that is not a catch event', async () => {
    const h = new EngineHarness();
    await expect(h.deploy(bpmn('bad', `
      <startEvent id="start"/>
      <eventBasedGateway id="gw"/>
      <userTask id="notAnEvent"/>
      <intermediateCatchEvent id="timer"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
      ${flows('start', 'gw', 'notAnEvent')}
      ${flows('gw', 'timer')}`))).rejects.toThrow(/element 'gw': Expected the event-based gateway to lead only to catch events or receive tasks, but 'notAnEvent' is a userTask/);
  });
});
