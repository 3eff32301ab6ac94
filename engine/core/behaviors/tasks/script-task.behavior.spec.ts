import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

async function deployed(model: string): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(model);
  return h;
}

function scriptProcess(script: string): string {
  return bpmn('scripted', `
    <startEvent id="start"/>
    ${script}
    <userTask id="after"/>
    ${flows('start', 'score', 'after')}`);
}

describe('script task', () => {
  it('evaluates a juel script and stores the result in the resultVariable', async () => {
    // given a juel script computing a discount
    const h = await deployed(scriptProcess(`
      <scriptTask id="score" scriptFormat="juel" camunda:resultVariable="discount"><script>\${amount >= 10000 ? amount * 0.1 : 0}</script></scriptTask>`));

    // when the instance runs through it
    const id = await h.start('scripted', { amount: 20000 });

    // then the result is a process variable and the token moved on
    expect(h.variable(id, 'discount')).toBe(2000);
    expect(h.path(id)).toEqual(['start', 'score', 'after']);
  });

  it('accepts a juel script written without ${...}', async () => {
    const h = await deployed(scriptProcess(`
      <scriptTask id="score" scriptFormat="juel" camunda:resultVariable="label"><script>name == 'Globex' ? 'key account' : 'standard'</script></scriptTask>`));
    const id = await h.start('scripted', { name: 'Globex' });
    expect(h.variable(id, 'label')).toBe('key account');
  });

  it('evaluates a feel script and stores the result in the resultVariable', async () => {
    const h = await deployed(scriptProcess(`
      <scriptTask id="score" scriptFormat="feel" camunda:resultVariable="total"><script>sum(for item in items return item.price * item.qty)</script></scriptTask>`));
    const id = await h.start('scripted', { items: [{ price: 10, qty: 2 }, { price: 5, qty: 1 }] });
    expect(h.variable(id, 'total')).toBe(25);
  });

  it('updates an existing variable in the scope that holds it', async () => {
    const h = await deployed(scriptProcess(`
      <scriptTask id="score" scriptFormat="feel" camunda:resultVariable="counter"><script>counter + 1</script></scriptTask>`));
    const id = await h.start('scripted', { counter: 1 });
    expect(h.variable(id, 'counter')).toBe(2);
  });

  it('without a resultVariable just passes on', async () => {
    const h = await deployed(scriptProcess(`<scriptTask id="score" scriptFormat="juel"><script>\${1 + 1}</script></scriptTask>`));
    const id = await h.start('scripted');
    expect(h.activeElements(id)).toEqual(['after']);
    const names = ([...h.store.variables.values()]).filter((v) => v.processInstanceId === id).map((v) => v.name);
    expect(names).toEqual([]);
  });

  it('a script that cannot be evaluated fails the command, naming the element', async () => {
    const h = await deployed(scriptProcess(`
      <scriptTask id="score" scriptFormat="juel" camunda:resultVariable="x"><script>\${customer.address.city}</script></scriptTask>`));
    await expect(h.start('scripted', {})).rejects.toThrow(/Could not evaluate 'score'/);
    expect(h.store.instances.size).toBe(0);
  });

  it('is refused at deployment when its format is not juel or feel', async () => {
    const h = new EngineHarness();
    await expect(h.deploy(scriptProcess(`<scriptTask id="score" scriptFormat="javascript"><script>1 + 1</script></scriptTask>`)))
      .rejects.toThrow(/element 'score': Expected scriptFormat 'juel' or 'feel', but got 'javascript'/);
  });
});
