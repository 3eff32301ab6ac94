import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';
import { toJsValue, type TypedValue } from '../variables/index.js';

const plain = (variables: ReadonlyMap<string, TypedValue>) => Object.fromEntries([...variables].map(([name, v]) => [name, toJsValue(v)]));

/**
 * `withVariablesInReturn` (start, task completion) and `variablesInResultEnabled` (messages)
 * answer the process variables after the command, also when the instance ended in it: Camunda
 * takes a snapshot as the instance ends (regression: an ended instance answered no variables).
 */
describe('feature: variables returned by a command', () => {
  it('a start that runs to the end answers the variables the instance ended with', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('quick', `
      <startEvent id="start"/>
      <scriptTask id="compute" scriptFormat="juel" camunda:resultVariable="total"><script>\${amount * 2}</script></scriptTask>
      <endEvent id="end"/>
      ${flows('start', 'compute', 'end')}`));
    const started = await h.engine.startProcessInstance({ definition: { by: 'latest', key: 'quick' }, businessKey: null, variables: typed({ amount: 21 }) });
    expect(started.ended).toBe(true);
    expect(plain(started.variables)).toEqual({ amount: 21, total: 42 });
  });

  it('completing the last task answers the final variables, those of the completion included', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('review', `<startEvent id="start"/><userTask id="check"/><endEvent id="end"/>${flows('start', 'check', 'end')}`));
    const id = await h.start('review', { lead: 'ada' });
    const result = await h.engine.completeTask({ taskId: h.task(id, 'check').id, variables: typed({ approved: true }) });
    expect(h.historicInstance(id)?.state).toBe('COMPLETED');
    expect(plain(result.variables)).toEqual({ lead: 'ada', approved: true });
  });

  it('a message that ends the instance answers its final variables', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('wait', `
      <startEvent id="start"/>
      <intermediateCatchEvent id="paid"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
      <endEvent id="end"/>
      ${flows('start', 'paid', 'end')}`, `<message id="m" name="paymentReceived"/>`));
    const id = await h.start('wait', { invoice: 7 }, 'inv-7');
    const [result] = await h.engine.correlateMessage({ messageName: 'paymentReceived', businessKey: 'inv-7', processVariables: typed({ amount: 100 }), processVariablesLocal: new Map(), all: false });
    expect(result).toMatchObject({ ended: true, instance: { id } });
    expect(plain(result!.variables)).toEqual({ invoice: 7, amount: 100 });
  });
});
