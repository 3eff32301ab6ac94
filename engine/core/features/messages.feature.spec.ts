import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';
import type { CorrelationRequest } from '../commands/message-commands.js';

const roots = `<message id="m" name="documentsReceived"/>`;

/** an application waiting for documents; can also be started by the message */
const application = bpmn('application', `
  <startEvent id="start"/>
  <intermediateCatchEvent id="docs"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
  <userTask id="check"/>
  ${flows('start', 'docs', 'check')}`, roots);

const inbound = bpmn('inbound', `
  <startEvent id="byMail"><messageEventDefinition messageRef="m"/></startEvent>
  <userTask id="sort"/>
  ${flows('byMail', 'sort')}`, roots);

function message(overrides: Partial<CorrelationRequest> = {}): CorrelationRequest {
  return { messageName: 'documentsReceived', processVariables: new Map(), processVariablesLocal: new Map(), all: false, ...overrides };
}

async function threeWaiting() {
  const h = new EngineHarness();
  await h.deploy(application);
  const a = await h.start('application', { customerId: 1, region: 'north' }, 'app-a');
  const b = await h.start('application', { customerId: 2, region: 'north' }, 'app-b');
  const c = await h.start('application', { customerId: 3, region: 'south' }, 'app-c');
  return { h, a, b, c };
}

describe('feature: message correlation', () => {
  it('by business key reaches exactly that instance', async () => {
    const { h, a, b, c } = await threeWaiting();
    const results = await h.engine.correlateMessage(message({ businessKey: 'app-b', processVariables: typed({ pages: 4 }) }));
    expect(results.map((r) => r.instance.id)).toEqual([b]);
    expect(h.activeElements(b)).toEqual(['check']);
    expect(h.variable(b, 'pages')).toBe(4);
    expect(h.activeElements(a)).toEqual(['docs']);
    expect(h.activeElements(c)).toEqual(['docs']);
  });

  it('by correlation keys (process variables) reaches the instance whose variables match', async () => {
    const { h, a, c } = await threeWaiting();
    const results = await h.engine.correlateMessage(message({ correlationKeys: typed({ customerId: 3 }) }));
    expect(results.map((r) => r.instance.id)).toEqual([c]);
    expect(h.activeElements(c)).toEqual(['check']);
    expect(h.activeElements(a)).toEqual(['docs']);
  });

  it('by business key and correlation keys together: both must match', async () => {
    const { h } = await threeWaiting();
    await expect(h.engine.correlateMessage(message({ businessKey: 'app-a', correlationKeys: typed({ customerId: 3 }) })))
      .rejects.toThrow(/No process definition or execution matches the parameters/);
  });

  it('by process instance id', async () => {
    const { h, a } = await threeWaiting();
    const [result] = await h.engine.correlateMessage(message({ processInstanceId: a }));
    expect(result!.instance.id).toBe(a);
    expect(result!.resultType).toBe('Execution');
    expect(h.activeElements(a)).toEqual(['check']);
  });

  it('is an error when several instances match and `all` is not set, and nothing is delivered', async () => {
    const { h, a, b, c } = await threeWaiting();
    await expect(h.engine.correlateMessage(message({ correlationKeys: typed({ region: 'north' }) })))
      .rejects.toThrow(/2 executions match the correlation keys/);
    for (const id of [a, b, c]) expect(h.activeElements(id)).toEqual(['docs']);
  });

  it('is an error when nothing matches', async () => {
    const { h } = await threeWaiting();
    await expect(h.engine.correlateMessage(message({ businessKey: 'app-x' })))
      .rejects.toThrow(/Cannot correlate message 'documentsReceived': No process definition or execution matches the parameters/);
    await expect(h.engine.correlateMessage(message({ messageName: 'unknownMessage' }))).rejects.toThrow(/No process definition or execution matches/);
  });

  it('with `all: true` is delivered to every matching instance', async () => {
    const { h, a, b, c } = await threeWaiting();
    const results = await h.engine.correlateMessage(message({ all: true, correlationKeys: typed({ region: 'north' }), processVariables: typed({ batch: 9 }) }));
    expect(results.map((r) => r.instance.id).sort()).toEqual([a, b].sort());
    for (const id of [a, b]) {
      expect(h.activeElements(id)).toEqual(['check']);
      expect(h.variable(id, 'batch')).toBe(9);
    }
    expect(h.activeElements(c)).toEqual(['docs']);
  });

  it('a waiting instance is preferred over a message start event', async () => {
    const h = new EngineHarness();
    await h.deploy(application, inbound);
    const a = await h.start('application', {}, 'app-a');
    const [result] = await h.engine.correlateMessage(message({ businessKey: 'app-a' }));
    expect(result!.instance.id).toBe(a);
    expect(h.tasks().map((t) => t.taskDefinitionKey)).toEqual(['check']);
  });

  it('with no waiting instance, starts the process with the message start event and the business key', async () => {
    const h = new EngineHarness();
    await h.deploy(application, inbound);
    const [result] = await h.engine.correlateMessage(message({ businessKey: 'mail-7', processVariables: typed({ sender: 'x@y' }) }));
    expect(result!.resultType).toBe('ProcessDefinition');
    expect(result!.instance.definitionKey).toBe('inbound');
    expect(h.historicInstance(result!.instance.id)?.businessKey).toBe('mail-7');
    expect(h.variable(result!.instance.id, 'sender')).toBe('x@y');
  });

  it('is not delivered twice: a consumed subscription is gone', async () => {
    const { h, a } = await threeWaiting();
    await h.engine.correlateMessage(message({ businessKey: 'app-a' }));
    await expect(h.engine.correlateMessage(message({ businessKey: 'app-a' }))).rejects.toThrow(/No process definition or execution matches/);
    expect(h.path(a).filter((x) => x === 'docs')).toHaveLength(1);
  });
});
