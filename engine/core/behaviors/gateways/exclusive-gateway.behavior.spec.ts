import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

const condition = (expression: string) => `<conditionExpression xsi:type="tFormalExpression">${expression}</conditionExpression>`;

/** a deal approval routed by amount: >= 100000 to the board, >= 10000 to the manager, else auto */
const routing = bpmn('dealApproval', `
  <startEvent id="start"/>
  <exclusiveGateway id="route" default="toAuto"/>
  <userTask id="boardApproval"/>
  <userTask id="managerApproval"/>
  <task id="autoApprove"/>
  <endEvent id="end"/>
  ${flows('start', 'route')}
  <sequenceFlow id="toBoard" sourceRef="route" targetRef="boardApproval">${condition('${amount >= 100000}')}</sequenceFlow>
  <sequenceFlow id="toManager" sourceRef="route" targetRef="managerApproval">${condition('${amount >= 10000}')}</sequenceFlow>
  <sequenceFlow id="toAuto" sourceRef="route" targetRef="autoApprove"/>
  ${flows('autoApprove', 'end')}`);

async function startWith(variables: Record<string, unknown>): Promise<{ h: EngineHarness; id: string }> {
  const h = new EngineHarness();
  await h.deploy(routing);
  const id = await h.start('dealApproval', variables);
  return { h, id };
}

describe('exclusive gateway', () => {
  it('takes the flow whose condition holds', async () => {
    const { h, id } = await startWith({ amount: 25000 });
    expect(h.path(id)).toEqual(['start', 'route', 'managerApproval']);
    expect(h.activeElements(id)).toEqual(['managerApproval']);
  });

  it('takes only the first flow in model order when several conditions hold', async () => {
    const { h, id } = await startWith({ amount: 500000 });
    expect(h.activeElements(id)).toEqual(['boardApproval']);
  });

  it('treats the boundary value itself as matching (amount = 100000 goes to the board)', async () => {
    const { h, id } = await startWith({ amount: 100000 });
    expect(h.activeElements(id)).toEqual(['boardApproval']);
  });

  it('just below the boundary goes to the manager', async () => {
    const { h, id } = await startWith({ amount: 99999.99 });
    expect(h.activeElements(id)).toEqual(['managerApproval']);
  });

  it('takes the default flow when no condition holds', async () => {
    const { h, id } = await startWith({ amount: 50 });
    expect(h.path(id)).toEqual(['start', 'route', 'autoApprove', 'end']);
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('fails when no condition holds and there is no default flow, naming the gateway', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('noDefault', `
      <startEvent id="start"/>
      <exclusiveGateway id="route"/>
      <endEvent id="big"/>
      <endEvent id="small"/>
      ${flows('start', 'route')}
      <sequenceFlow id="toBig" sourceRef="route" targetRef="big">${condition('${amount > 100}')}</sequenceFlow>
      <sequenceFlow id="toSmall" sourceRef="route" targetRef="small">${condition('${amount &lt; 10}')}</sequenceFlow>`));

    await expect(h.start('noDefault', { amount: 50 })).rejects.toThrow(/No outgoing sequence flow of exclusive gateway 'route' could be selected/);
    // nothing was committed
    expect(h.store.instances.size).toBe(0);
    expect(h.store.history.processInstance.size).toBe(0);
  });

  it('fails when a condition does not evaluate to a boolean, naming the flow', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('notBoolean', `
      <startEvent id="start"/>
      <exclusiveGateway id="route" default="other"/>
      <endEvent id="a"/>
      <endEvent id="b"/>
      ${flows('start', 'route')}
      <sequenceFlow id="odd" sourceRef="route" targetRef="a">${condition('${amount}')}</sequenceFlow>
      <sequenceFlow id="other" sourceRef="route" targetRef="b"/>`));
    await expect(h.start('notBoolean', { amount: 5 })).rejects.toThrow(/sequence flow 'odd'/);
  });

  it('merges alternative paths without waiting', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('merge', `
      <startEvent id="start"/>
      <exclusiveGateway id="split" default="viaB"/>
      <task id="a"/>
      <task id="b"/>
      <exclusiveGateway id="join"/>
      <userTask id="after"/>
      ${flows('start', 'split')}
      <sequenceFlow id="viaA" sourceRef="split" targetRef="a">${condition('${useA}')}</sequenceFlow>
      <sequenceFlow id="viaB" sourceRef="split" targetRef="b"/>
      ${flows('a', 'join', 'after')}
      ${flows('b', 'join')}`));
    const id = await h.start('merge', { useA: true });
    expect(h.path(id)).toEqual(['start', 'split', 'a', 'join', 'after']);
  });

  it('can loop back to an earlier task', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('rework', `
      <startEvent id="start"/>
      <userTask id="draft"/>
      <exclusiveGateway id="ok" default="redo"/>
      <endEvent id="end"/>
      ${flows('start', 'draft', 'ok')}
      <sequenceFlow id="accepted" sourceRef="ok" targetRef="end">${condition('${approved}')}</sequenceFlow>
      <sequenceFlow id="redo" sourceRef="ok" targetRef="draft"/>`));
    const id = await h.start('rework');
    await h.complete(id, 'draft', { approved: false });
    await h.complete(id, 'draft', { approved: true });
    expect(h.path(id)).toEqual(['start', 'draft', 'ok', 'draft', 'ok', 'end']);
    expect(h.state(id)).toBe('COMPLETED');
  });
});
