import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';
import { BadUserRequestError, NotFoundError } from '../errors/index.js';

const roots = `<message id="m" name="offerAccepted"/><signal id="s" name="campaignStopped"/>`;

const correlate = (h: EngineHarness, variables: Record<string, unknown> = {}) => () =>
  h.engine.correlateMessage({ messageName: 'offerAccepted', businessKey: 'deal-1', processVariables: typed(variables), processVariablesLocal: new Map(), all: false });

const outcomes = (results: PromiseSettledResult<unknown>[]) => results.map((r) => r.status).sort();

const reasonOf = (results: PromiseSettledResult<unknown>[]) => (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as unknown;

async function started(model: string) {
  const h = new EngineHarness();
  await h.deploy(model);
  const id = await h.start('deal', {}, 'deal-1');
  return { h, id };
}

describe('feature: message and signal races (concurrent requests that read the same state)', () => {
  it('two correlations of one message at once: one wins, the other is told nothing matches', async () => {
    const { h, id } = await started(bpmn('deal', `
      <startEvent id="start"/>
      <intermediateCatchEvent id="accepted"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
      <userTask id="book"/>
      ${flows('start', 'accepted', 'book')}`, roots));

    const results = await h.race(correlate(h, { by: 'first' }), correlate(h, { by: 'second' }));

    expect(h.store.conflicts).toBe(1);
    expect(outcomes(results)).toEqual(['fulfilled', 'rejected']);
    expect(reasonOf(results)).toBeInstanceOf(BadUserRequestError);
    expect(h.path(id)).toEqual(['start', 'accepted', 'book']);
    expect(h.variable(id, 'by')).toBe(results[0]!.status === 'fulfilled' ? 'first' : 'second');
    expect(h.store.subscriptions.size).toBe(0);
  });

  it('two broadcasts of one signal at once reach an interrupting boundary event once', async () => {
    const { h, id } = await started(bpmn('deal', `
      <startEvent id="start"/>
      <userTask id="negotiate"/>
      <boundaryEvent id="stopped" attachedToRef="negotiate"><signalEventDefinition signalRef="s"/></boundaryEvent>
      <userTask id="archive"/>
      ${flows('start', 'negotiate')}
      ${flows('stopped', 'archive')}`, roots));

    const results = await h.race(() => h.engine.signal('campaignStopped', new Map()), () => h.engine.signal('campaignStopped', new Map()));

    expect(h.store.conflicts).toBe(1);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason)).sort()).toEqual([0, 1]);
    expect(h.activeElements(id)).toEqual(['archive']);
    expect(h.path(id).filter((a) => a === 'stopped')).toHaveLength(1);
  });

  it('a message and a signal racing for an event-based gateway: exactly one path is taken', async () => {
    const { h, id } = await started(bpmn('deal', `
      <startEvent id="start"/>
      <eventBasedGateway id="wait"/>
      <intermediateCatchEvent id="accepted"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
      <intermediateCatchEvent id="stopped"><signalEventDefinition signalRef="s"/></intermediateCatchEvent>
      <userTask id="book"/>
      <userTask id="archive"/>
      ${flows('start', 'wait')}
      ${flows('wait', 'accepted', 'book')}
      ${flows('wait', 'stopped', 'archive')}`, roots));

    const [message, signal] = await h.race(correlate(h), () => h.engine.signal('campaignStopped', new Map()));

    expect(h.store.conflicts).toBe(1);
    const messageWon = message!.status === 'fulfilled';
    expect(h.activeElements(id)).toEqual([messageWon ? 'book' : 'archive']);
    if (messageWon) expect(signal).toEqual({ status: 'fulfilled', value: 0 });
    else expect((message as PromiseRejectedResult).reason).toBeInstanceOf(BadUserRequestError);
    expect(h.store.subscriptions.size).toBe(0);
  });

  it('completing a task while an interrupting message boundary event fires: one of them wins', async () => {
    const { h, id } = await started(bpmn('deal', `
      <startEvent id="start"/>
      <userTask id="negotiate"/>
      <boundaryEvent id="accepted" attachedToRef="negotiate"><messageEventDefinition messageRef="m"/></boundaryEvent>
      <userTask id="book"/>
      <userTask id="followUp"/>
      ${flows('start', 'negotiate', 'followUp')}
      ${flows('accepted', 'book')}`, roots));
    const task = h.task(id, 'negotiate');

    const [completion, message] = await h.race(() => h.engine.completeTask({ taskId: task.id, variables: new Map() }), correlate(h));

    expect(h.store.conflicts).toBe(1);
    expect(outcomes([completion!, message!])).toEqual(['fulfilled', 'rejected']);
    if (completion!.status === 'fulfilled') {
      expect(h.activeElements(id)).toEqual(['followUp']);
      expect((message as PromiseRejectedResult).reason).toBeInstanceOf(BadUserRequestError);
    } else {
      expect(h.activeElements(id)).toEqual(['book']);
      expect(completion!.reason).toBeInstanceOf(NotFoundError);
    }
  });

  it('without a race (one request after the other) the second correlation is refused the same way', async () => {
    const { h, id } = await started(bpmn('deal', `
      <startEvent id="start"/>
      <intermediateCatchEvent id="accepted"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
      <userTask id="book"/>
      ${flows('start', 'accepted', 'book')}`, roots));

    await correlate(h)();
    await expect(correlate(h)()).rejects.toThrow(BadUserRequestError);

    expect(h.store.conflicts).toBe(0);
    expect(h.path(id)).toEqual(['start', 'accepted', 'book']);
  });
});
