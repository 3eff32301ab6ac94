import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

const signal = `<signal id="s" name="leadConverted"/>`;

describe('intermediate throw event', () => {
  it('a none throw event passes straight on', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('milestone', `
      <startEvent id="start"/>
      <intermediateThrowEvent id="qualified" name="Lead qualified"/>
      <endEvent id="end"/>
      ${flows('start', 'qualified', 'end')}`));
    const id = await h.start('milestone');
    expect(h.path(id)).toEqual(['start', 'qualified', 'end']);
    expect(h.activities(id).find((a) => a.activityId === 'qualified')?.activityType).toBe('intermediateNoneThrowEvent');
  });

  it('a signal throw event reaches waiting instances and its own path continues', async () => {
    // given a waiting instance and a thrower
    const h = new EngineHarness();
    await h.deploy(
      bpmn('listener', `
        <startEvent id="start"/>
        <intermediateCatchEvent id="converted"><signalEventDefinition signalRef="s"/></intermediateCatchEvent>
        <userTask id="createDeal"/>
        ${flows('start', 'converted', 'createDeal')}`, signal),
      bpmn('converter', `
        <startEvent id="start"/>
        <intermediateThrowEvent id="announce"><signalEventDefinition signalRef="s"/></intermediateThrowEvent>
        <userTask id="afterAnnounce"/>
        ${flows('start', 'announce', 'afterAnnounce')}`, signal),
    );
    const listener = await h.start('listener');

    // when the thrower runs
    const converter = await h.start('converter');

    // then both moved on
    expect(h.activeElements(listener)).toEqual(['createDeal']);
    expect(h.activeElements(converter)).toEqual(['afterAnnounce']);
  });

  it('a signal thrown in an instance also reaches a catcher in the same instance', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('selfSignal', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      <intermediateCatchEvent id="heard"><signalEventDefinition signalRef="s"/></intermediateCatchEvent>
      <userTask id="react"/>
      <userTask id="beforeThrow"/>
      <intermediateThrowEvent id="shout"><signalEventDefinition signalRef="s"/></intermediateThrowEvent>
      <endEvent id="end"/>
      ${flows('start', 'fork', 'heard', 'react')}
      ${flows('fork', 'beforeThrow', 'shout', 'end')}`, signal));
    const id = await h.start('selfSignal');
    expect(h.activeElements(id)).toEqual(['beforeThrow', 'heard']);
    await h.complete(id, 'beforeThrow');
    expect(h.activeElements(id)).toEqual(['react']);
  });

  it('a signal throw starts processes with a matching signal start event', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn('started', `
        <startEvent id="onSignal"><signalEventDefinition signalRef="s"/></startEvent>
        <userTask id="welcome"/>
        ${flows('onSignal', 'welcome')}`, signal),
      bpmn('thrower', `
        <startEvent id="start"/>
        <intermediateThrowEvent id="announce"><signalEventDefinition signalRef="s"/></intermediateThrowEvent>
        <endEvent id="end"/>
        ${flows('start', 'announce', 'end')}`, signal),
    );
    await h.start('thrower');
    expect(h.tasks().map((t) => [t.definitionKey, t.taskDefinitionKey])).toEqual([['started', 'welcome']]);
  });

  it('a message throw event hands its message to a worker and continues after it', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('mailer', `
      <startEvent id="start"/>
      <intermediateThrowEvent id="sendMail"><messageEventDefinition camunda:type="external" camunda:topic="crm.mail"/></intermediateThrowEvent>
      <userTask id="after"/>
      ${flows('start', 'sendMail', 'after')}`));
    const id = await h.start('mailer');
    expect(h.externalTasks(id).map((t) => [t.activityId, t.topic])).toEqual([['sendMail', 'crm.mail']]);
    await h.completeExternal(id, 'sendMail');
    expect(h.activeElements(id)).toEqual(['after']);
  });
});
