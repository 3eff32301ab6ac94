import { ParseError } from '../errors/index.js';
import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';

const MINUTE = 60_000;

const correlate = (h: EngineHarness, messageName: string, variables: Record<string, unknown> = {}, businessKey?: string) =>
  h.engine.correlateMessage({
    messageName, processVariables: typed(variables), processVariablesLocal: new Map(), all: false, ...(businessKey ? { businessKey } : {}),
  });

async function deployed(model: string): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(model);
  return h;
}

async function refusal(model: string): Promise<string> {
  const error = await new EngineHarness().deploy(model).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParseError);
  return (error as ParseError).issues.map((i) => `${i.elementId}: ${i.message}`).join('\n');
}

/** an inbound lead: the process begins with a receive task, no start event */
const inboundLead = bpmn('inboundLead', `
  <receiveTask id="leadArrives" instantiate="true" messageRef="leadMessage"/>
  <userTask id="qualify"/>
  <endEvent id="done"/>
  ${flows('leadArrives', 'qualify', 'done')}`, '<message id="leadMessage" name="leadReceived"/>');

/** a support case opened by whichever comes first: a mail, a call signal, or a timer */
const supportCase = (gatewayAttributes = 'instantiate="true" eventGatewayType="Exclusive"') => bpmn('supportCase', `
  <eventBasedGateway id="opened" ${gatewayAttributes}/>
  <intermediateCatchEvent id="byMail"><messageEventDefinition messageRef="mail"/></intermediateCatchEvent>
  <intermediateCatchEvent id="byCall"><signalEventDefinition signalRef="call"/></intermediateCatchEvent>
  <intermediateCatchEvent id="daily"><timerEventDefinition><timeCycle>R2/PT1M</timeCycle></timerEventDefinition></intermediateCatchEvent>
  <userTask id="answerMail"/>
  <userTask id="callBack"/>
  <userTask id="reviewQueue"/>
  ${flows('opened', 'byMail', 'answerMail')}
  ${flows('opened', 'byCall', 'callBack')}
  ${flows('opened', 'daily', 'reviewQueue')}`, '<message id="mail" name="supportMail"/><signal id="call" name="supportCall"/>');

const openTasks = (h: EngineHarness) => h.tasks().map((t) => t.taskDefinitionKey).sort();

describe('feature: instantiating receive tasks and event-based gateways start a process without a start event', () => {
  it('a receive task with instantiate="true" starts an instance on its message, and the instance continues after it', async () => {
    const h = await deployed(inboundLead);
    const [result] = await correlate(h, 'leadReceived', { source: 'web' }, 'lead-7');
    expect(result!.resultType).toBe('ProcessDefinition');
    const id = result!.instance.id;

    expect(h.activeElements(id)).toEqual(['qualify']);
    expect(h.variable(id, 'source')).toBe('web');
    expect(h.path(id)).toEqual(['leadArrives', 'qualify']);
    expect(h.historicInstance(id)!.startActivityId).toBe('leadArrives');
    expect(h.historicInstance(id)!.businessKey).toBe('lead-7');

    const [second] = await correlate(h, 'leadReceived');
    expect(second!.instance.id).not.toBe(id);
    expect(openTasks(h)).toEqual(['qualify', 'qualify']);
  });

  it('such a process cannot be started without its message', async () => {
    const h = await deployed(inboundLead);
    await expect(h.start('inboundLead')).rejects.toThrow(/no none start event/);
  });

  it('an instantiating event-based gateway starts an instance on its message and takes that path', async () => {
    const h = await deployed(supportCase());
    const [result] = await correlate(h, 'supportMail');
    const id = result!.instance.id;
    expect(h.activeElements(id)).toEqual(['answerMail']);
    expect(h.path(id)).toEqual(['opened', 'byMail', 'answerMail']);
    expect(h.historicInstance(id)!.startActivityId).toBe('opened');
  });

  it('... or on its signal', async () => {
    const h = await deployed(supportCase());
    expect(await h.engine.signal('supportCall', typed({ caller: 'Ann' }))).toBe(1);
    expect(openTasks(h)).toEqual(['callBack']);
    const id = h.tasks()[0]!.processInstanceId;
    expect(h.variable(id, 'caller')).toBe('Ann');
  });

  it('... or on its timer, as a timer start event does (a cycle starts one instance per occurrence)', async () => {
    const h = await deployed(supportCase());
    await h.advance(MINUTE);
    expect(openTasks(h)).toEqual(['reviewQueue']);
    await h.advance(MINUTE);
    expect(openTasks(h)).toEqual(['reviewQueue', 'reviewQueue']);
    await h.advance(MINUTE);
    expect(openTasks(h)).toHaveLength(2);
  });

  it('a new version replaces the previous version\'s instantiating subscriptions', async () => {
    const h = await deployed(inboundLead);
    await h.deploy(inboundLead);
    await correlate(h, 'leadReceived');
    expect(openTasks(h)).toEqual(['qualify']);
  });

  it('eventGatewayType="Parallel" on an instantiating gateway is refused at deploy', async () => {
    expect(await refusal(supportCase('instantiate="true" eventGatewayType="Parallel"'))).toMatch(
      /opened: Expected an instantiating event-based gateway of eventGatewayType "Exclusive", but it is "Parallel"/,
    );
  });

  it('a process with neither a start event nor an instantiating element is still refused', async () => {
    expect(await refusal(supportCase('eventGatewayType="Exclusive"'))).toMatch(
      /supportCase: Expected the process to have a start event or an instantiating receive task or event-based gateway, but it has none/,
    );
  });

  it('an instantiating element with an incoming flow, or inside a sub-process, is refused at deploy', async () => {
    const withIncoming = bpmn('p', `
      <startEvent id="s"/>
      <receiveTask id="r" instantiate="true" messageRef="m"/>
      <endEvent id="e"/>
      ${flows('s', 'r', 'e')}`, '<message id="m" name="m"/>');
    expect(await refusal(withIncoming)).toMatch(/r: Expected an instantiating receiveTask \(instantiate="true"\) to have no incoming sequence flow, but it has 1/);

    const nested = bpmn('p', `
      <startEvent id="s"/>
      <subProcess id="sub">
        <startEvent id="ss"/><endEvent id="se"/>${flows('ss', 'se')}
        <receiveTask id="r" instantiate="true" messageRef="m"/>
      </subProcess>
      ${flows('s', 'sub')}`, '<message id="m" name="m"/>');
    expect(await refusal(nested)).toMatch(/r: Expected an instantiating receiveTask directly in the process, but it is inside 'sub'/);
  });
});
