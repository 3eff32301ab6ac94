import { bpmn, conditionalEvent as condition, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';
import { InlineDispatcher } from '../../testing/inline-dispatcher.js';
import { Engine } from '../engine.js';

const roots = `<message id="m" name="documentsReceived"/><signal id="s" name="auditDone"/>`;

/**
 * A contract waiting in a conditional catch event (`${ready}`) while a parallel branch does some
 * work that may set `ready`: the work element is chosen by each spec.
 */
function contract(work: string, workIds: readonly string[] = ['work']): string {
  return bpmn('contract', `
    <startEvent id="start"/>
    <parallelGateway id="fork"/>
    ${work}
    <endEvent id="workDone"/>
    <intermediateCatchEvent id="readyToSign">${condition('${ready}')}</intermediateCatchEvent>
    <userTask id="sign"/>
    ${flows('start', 'fork', ...workIds, 'workDone')}
    ${flows('fork', 'readyToSign', 'sign')}`, roots);
}

async function waiting(model: string, variables: Record<string, unknown> = { ready: false }) {
  const h = new EngineHarness();
  await h.deploy(model);
  const id = await h.start('contract', variables, 'contract-1');
  expect(h.activeElements(id)).toContain('readyToSign');
  return { h, id };
}

const signed = (h: EngineHarness, id: string) => h.activeElements(id).includes('sign') && !h.activeElements(id).includes('readyToSign');

describe('feature: conditional events are re-evaluated after every command that changes variables', () => {
  it('completing a user task with variables', async () => {
    const { h, id } = await waiting(contract(`<userTask id="work"/>`));
    await h.complete(id, 'work', { ready: true });
    expect(signed(h, id)).toBe(true);
  });

  it('resolving a delegated task with variables', async () => {
    const { h, id } = await waiting(contract(`<userTask id="work"/>`));
    const task = h.task(id, 'work');
    await h.engine.delegateTask(task.id, 'assistant');
    await h.engine.resolveTask(task.id, typed({ ready: true }));
    expect(signed(h, id)).toBe(true);
  });

  it('setting task variables', async () => {
    const { h, id } = await waiting(contract(`<userTask id="work"/>`));
    await h.engine.setTaskVariables(h.task(id, 'work').id, typed({ ready: true }), false);
    expect(signed(h, id)).toBe(true);
  });

  it('modifying process variables', async () => {
    const { h, id } = await waiting(contract(`<userTask id="work"/>`));
    await h.engine.modifyVariables(id, typed({ ready: true }));
    expect(signed(h, id)).toBe(true);
  });

  it('deleting a process variable', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('unlock', `
      <startEvent id="start"/>
      <intermediateCatchEvent id="unlocked">${condition("${not execution.hasVariable('lock')}")}</intermediateCatchEvent>
      <userTask id="sign"/>
      ${flows('start', 'unlocked', 'sign')}`));
    const id = await h.start('unlock', { lock: true });
    expect(h.activeElements(id)).toEqual(['unlocked']);

    await h.engine.modifyVariables(id, new Map(), ['lock']);

    expect(h.activeElements(id)).toEqual(['sign']);
  });

  it('correlating a message with variables', async () => {
    const { h, id } = await waiting(contract(`<intermediateCatchEvent id="work"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>`));
    await h.engine.correlateMessage({ messageName: 'documentsReceived', businessKey: 'contract-1', processVariables: typed({ ready: true }), processVariablesLocal: new Map(), all: false });
    expect(signed(h, id)).toBe(true);
  });

  it('broadcasting a signal with variables', async () => {
    const { h, id } = await waiting(contract(`<intermediateCatchEvent id="work"><signalEventDefinition signalRef="s"/></intermediateCatchEvent>`));
    await h.engine.signal('auditDone', typed({ ready: true }));
    expect(signed(h, id)).toBe(true);
  });

  it('completing an external task with variables', async () => {
    const { h, id } = await waiting(contract(`<serviceTask id="work" camunda:type="external" camunda:topic="crm.contract.check"/>`));
    await h.completeExternal(id, 'work', { ready: true });
    expect(signed(h, id)).toBe(true);
  });

  it('an in-process handler returning variables', async () => {
    const h = new EngineHarness();
    h.handlers.set('crm.contract.check', async () => ({ outcome: 'complete', variables: { ready: true } }));
    await h.deploy(contract(`<serviceTask id="work" camunda:type="external" camunda:topic="crm.contract.check"/>`));
    const id = await h.start('contract', { ready: false });
    expect(signed(h, id)).toBe(true);
  });

  it('a script and an output mapping further down the same command', async () => {
    const { h, id } = await waiting(contract(`
      <userTask id="work"/>
      <scriptTask id="check" scriptFormat="juel"><script>\${execution.setVariable('checked', true)}</script></scriptTask>
      <task id="approve">
        <extensionElements><camunda:inputOutput><camunda:outputParameter name="ready">\${checked}</camunda:outputParameter></camunda:inputOutput></extensionElements>
      </task>`, ['work', 'check', 'approve']));
    await h.complete(id, 'work');
    expect(signed(h, id)).toBe(true);
    expect(h.path(id)).toEqual(expect.arrayContaining(['check', 'approve', 'readyToSign', 'sign']));
  });
});

/** a deal in negotiation with a non-interrupting conditional boundary event built by each spec */
function deal(boundaryCondition: string, attributes = ''): string {
  return bpmn('deal', `
    <startEvent id="start"/>
    <parallelGateway id="fork"/>
    <userTask id="negotiate"/>
    <boundaryEvent id="discountAsked" attachedToRef="negotiate" cancelActivity="false">${condition(boundaryCondition, attributes)}</boundaryEvent>
    <userTask id="approveDiscount"/>
    <userTask id="prepareContract"/>
    <endEvent id="end"/>
    ${flows('start', 'fork', 'negotiate', 'end')}
    ${flows('fork', 'prepareContract', 'end')}
    ${flows('discountAsked', 'approveDiscount')}`);
}

async function negotiating(model: string, variables: Record<string, unknown> = {}) {
  const h = new EngineHarness();
  await h.deploy(model);
  const id = await h.start('deal', variables);
  const firings = () => h.tasks(id).filter((t) => t.taskDefinitionKey === 'approveDiscount').length;
  return { h, id, firings };
}

describe('feature: which variable changes concern a conditional event', () => {
  it('camunda:variableName: only changes of that variable are looked at', async () => {
    const { h, id, firings } = await negotiating(deal('${discount > 10}', 'camunda:variableName="discount"'));

    await h.engine.modifyVariables(id, typed({ note: 'asked for more', discount: 5 }));
    expect(firings()).toBe(0);
    await h.engine.modifyVariables(id, typed({ discount: 15 }));
    expect(firings()).toBe(1);
    // the condition still holds, but only `note` changed
    await h.engine.modifyVariables(id, typed({ note: 'asked again' }));
    expect(firings()).toBe(1);
  });

  it('camunda:variableEvents: only the listed kinds of change (create, update, delete) are looked at', async () => {
    const { h, id, firings } = await negotiating(deal('${discount > 10}', 'camunda:variableEvents="update"'));

    await h.engine.modifyVariables(id, typed({ discount: 15 }));
    expect(firings()).toBe(0);
    await h.engine.modifyVariables(id, typed({ discount: 20 }));
    expect(firings()).toBe(1);
  });

  it('a variable local to another branch does not concern it; a process variable does', async () => {
    const { h, id, firings } = await negotiating(deal('${discountAllowed}'), { discountAllowed: true });
    expect(firings()).toBe(1); // checked as the task was entered

    await h.engine.setTaskVariables(h.task(id, 'prepareContract').id, typed({ draft: 'v1' }), true);
    expect(firings()).toBe(1);
    await h.engine.modifyVariables(id, typed({ draft: 'v1' }));
    expect(firings()).toBe(2);
  });

  it('a non-interrupting event fires once per command, however many of its variables the command changes', async () => {
    const { h, id, firings } = await negotiating(deal('${discount > 10 && volume > 100}'));

    await h.complete(id, 'prepareContract', { discount: 15, volume: 500, currency: 'EUR' });

    expect(firings()).toBe(1);
  });

  it('an event whose own path keeps changing what it watches fails the command instead of looping forever', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('deal', `
      <startEvent id="start"/>
      <userTask id="negotiate"/>
      ${flows('start', 'negotiate')}
      <subProcess id="onCounter" triggeredByEvent="true">
        <startEvent id="counterChanged" isInterrupting="false">${condition('${counter >= 0}')}</startEvent>
        <scriptTask id="bump" scriptFormat="juel" camunda:resultVariable="counter"><script>\${counter + 1}</script></scriptTask>
        <endEvent id="bumped"/>
        ${flows('counterChanged', 'bump', 'bumped')}
      </subProcess>`));

    await expect(h.start('deal', { counter: 0 })).rejects.toThrow(/kept firing after 100 rounds/);
    expect(h.store.instances.size).toBe(0);
  });

  it('a waiting conditional event survives a restart: a fresh engine on the same store fires it', async () => {
    const { h, id } = await waiting(contract(`<userTask id="work"/>`));
    const fresh = new Engine({
      store: h.store,
      dispatcher: new InlineDispatcher(),
      clock: h.clock,
      ids: { next: (() => { let n = 0; return () => `fresh-${++n}`; })() },
      handlers: { handlerFor: () => undefined },
      workerId: 'second-node',
    });

    await fresh.modifyVariables(id, typed({ ready: true }));

    expect(signed(h, id)).toBe(true);
  });
});
