import { ParseError } from '../errors/index.js';
import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';

const roots = `
  <escalation id="offerSent" escalationCode="OFFER_SENT"/>
  <escalationEventDefinition id="offerSentEvent" escalationRef="offerSent"/>
  <signal id="bigDeal" name="bigDealQuoted"/>
  <signalEventDefinition id="bigDealEvent" signalRef="bigDeal"/>
  <escalation id="firstOffer" escalationCode="FIRST_OFFER"/>`;

/** a sales rep sends an offer to each of three contacts; the loop attributes are the spec's */
const offers = (loopAttributes: string, loopContent = '') => bpmn('offers', `
  <startEvent id="start"/>
  <userTask id="sendOffer">
    <multiInstanceLoopCharacteristics camunda:collection="\${contacts}" camunda:elementVariable="contact" ${loopAttributes}>${loopContent}</multiInstanceLoopCharacteristics>
  </userTask>
  <boundaryEvent id="sent" attachedToRef="sendOffer" cancelActivity="false"><escalationEventDefinition escalationRef="offerSent"/></boundaryEvent>
  <boundaryEvent id="first" attachedToRef="sendOffer" cancelActivity="false"><escalationEventDefinition escalationRef="firstOffer"/></boundaryEvent>
  <userTask id="logOffer"/>
  <userTask id="congratulate"/>
  <endEvent id="done"/>
  ${flows('start', 'sendOffer', 'done')}
  ${flows('sent', 'logOffer')}
  ${flows('first', 'congratulate')}`, roots);

/** listens for the signal a Complex behaviour throws */
const bigDealWatcher = bpmn('watcher', `
  <startEvent id="start"/>
  <intermediateCatchEvent id="heard"><signalEventDefinition signalRef="bigDeal"/></intermediateCatchEvent>
  <userTask id="celebrate"/>
  ${flows('start', 'heard', 'celebrate')}`, roots);

async function started(model: string, ...others: string[]): Promise<{ h: EngineHarness; id: string }> {
  const h = new EngineHarness();
  await h.deploy(model, ...others);
  return { h, id: await h.start('offers', { contacts: ['ann', 'bob', 'cy'] }) };
}

async function completeOffer(h: EngineHarness, id: string, variables: Record<string, unknown> = {}): Promise<void> {
  const task = h.tasks(id).find((t) => t.taskDefinitionKey === 'sendOffer')!;
  await h.engine.completeTask({ taskId: task.id, variables: typed(variables), actor: null });
  await h.runDueJobs();
}

const count = (h: EngineHarness, id: string, key: string) => h.tasks(id).filter((t) => t.taskDefinitionKey === key).length;

async function refusal(model: string): Promise<string> {
  const error = await new EngineHarness().deploy(model).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParseError);
  return (error as ParseError).issues.map((i) => `${i.elementId}: ${i.message}`).join('\n');
}

describe('feature: the multi-instance behavior attribute throws events as inner instances complete (BPMN 2.0 10.2.8)', () => {
  it('behavior="None" throws noneBehaviorEventRef each time an inner instance completes: a non-interrupting escalation boundary catches each', async () => {
    const { h, id } = await started(offers('behavior="None" noneBehaviorEventRef="offerSentEvent"'));
    await completeOffer(h, id);
    expect(count(h, id, 'logOffer')).toBe(1);
    await completeOffer(h, id);
    expect(count(h, id, 'logOffer')).toBe(2);
    await completeOffer(h, id);
    expect(count(h, id, 'logOffer')).toBe(3);
    expect(count(h, id, 'congratulate')).toBe(0);
    expect(h.activeElements(id)).toEqual(['logOffer', 'logOffer', 'logOffer']);
  });

  it('behavior="One" throws oneBehaviorEventRef once, when the first inner instance completes', async () => {
    const { h, id } = await started(offers('behavior="One" oneBehaviorEventRef="offerSentEvent"'));
    await completeOffer(h, id);
    expect(count(h, id, 'logOffer')).toBe(1);
    await completeOffer(h, id);
    await completeOffer(h, id);
    expect(count(h, id, 'logOffer')).toBe(1);
  });

  it('behavior="All" (the default) throws nothing', async () => {
    for (const attributes of ['behavior="All"', '']) {
      const { h, id } = await started(offers(attributes));
      for (let i = 0; i < 3; i++) await completeOffer(h, id);
      expect(h.state(id)).toBe('COMPLETED');
      expect(h.path(id)).not.toContain('sent');
    }
  });

  it('behavior="Complex" throws the event of each complexBehaviorDefinition whose condition holds for the completed inner instance', async () => {
    const complex = `
      <complexBehaviorDefinition id="eachOffer">
        <condition xsi:type="tFormalExpression">\${amount &gt; 0}</condition>
        <event id="eachOfferEvent"><escalationEventDefinition escalationRef="offerSent"/></event>
      </complexBehaviorDefinition>
      <complexBehaviorDefinition id="bigOne">
        <condition xsi:type="tFormalExpression">\${amount &gt;= 10000 &amp;&amp; contact == 'bob'}</condition>
        <event id="bigOneEvent"><signalEventDefinition signalRef="bigDeal"/></event>
      </complexBehaviorDefinition>
      <complexBehaviorDefinition id="firstTwo">
        <condition xsi:type="tFormalExpression">\${nrOfCompletedInstances == 2}</condition>
        <event id="firstTwoEvent"><escalationEventDefinition escalationRef="firstOffer"/></event>
      </complexBehaviorDefinition>`;
    const h = new EngineHarness();
    await h.deploy(offers('behavior="Complex" isSequential="true"', complex), bigDealWatcher);
    const watcher = await h.start('watcher');
    const id = await h.start('offers', { contacts: ['ann', 'bob', 'cy'] });

    await completeOffer(h, id, { amount: 0 });
    expect([count(h, id, 'logOffer'), count(h, id, 'congratulate')]).toEqual([0, 0]);
    expect(h.activeElements(watcher)).toEqual(['heard']);

    await completeOffer(h, id, { amount: 20000 });
    expect([count(h, id, 'logOffer'), count(h, id, 'congratulate')]).toEqual([1, 1]);
    expect(h.activeElements(watcher)).toEqual(['celebrate']);

    await completeOffer(h, id, { amount: 500 });
    expect([count(h, id, 'logOffer'), count(h, id, 'congratulate')]).toEqual([2, 1]);
  });

  it('an interrupting boundary event catching the thrown escalation ends the activity', async () => {
    const model = bpmn('offers', `
      <startEvent id="start"/>
      <userTask id="sendOffer">
        <multiInstanceLoopCharacteristics behavior="One" oneBehaviorEventRef="offerSentEvent"><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>
      </userTask>
      <boundaryEvent id="sent" attachedToRef="sendOffer"><escalationEventDefinition escalationRef="offerSent"/></boundaryEvent>
      <userTask id="logOffer"/>
      <endEvent id="done"/>
      ${flows('start', 'sendOffer', 'done')}
      ${flows('sent', 'logOffer')}`, roots);
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('offers');
    await completeOffer(h, id);
    expect(h.activeElements(id)).toEqual(['logOffer']);
  });

  it('a behaviour without its event, or with an event that is not a signal or escalation, is refused at deploy', async () => {
    expect(await refusal(offers('behavior="One"'))).toMatch(/sendOffer: Expected oneBehaviorEventRef naming the event definition to throw with multi-instance behavior="One", but it is missing/);
    expect(await refusal(offers('behavior="Complex"'))).toMatch(/sendOffer: Expected at least one complexBehaviorDefinition/);
    const withError = bpmn('offers', `
      <startEvent id="start"/>
      <task id="sendOffer"><multiInstanceLoopCharacteristics behavior="None" noneBehaviorEventRef="failed"><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics></task>
      ${flows('start', 'sendOffer')}`, '<error id="e" errorCode="E"/><errorEventDefinition id="failed" errorRef="e"/>');
    expect(await refusal(withError)).toMatch(/sendOffer: Expected noneBehaviorEventRef to be a signal or escalation event definition, but it is error/);
  });
});
