import { ParseError } from '../errors/index.js';
import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';

/** reusable tasks declared once at the root of the definitions */
const globals = `
  <globalUserTask id="approveDiscount" name="Approve discount of \${discount}%" camunda:candidateGroups="sales-managers" camunda:formKey="embedded:discount">
    <documentation>Check the margin first</documentation>
    <extensionElements><camunda:formData><camunda:formField id="approved" type="boolean"/></camunda:formData></extensionElements>
  </globalUserTask>
  <globalScriptTask id="computePrice" scriptLanguage="feel" camunda:resultVariable="price"><script>listPrice * (100 - discount) / 100</script></globalScriptTask>
  <globalManualTask id="printContract" name="Print the contract"/>
  <globalTask id="noteIt"/>`;

async function deployed(body: string, roots = globals): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(bpmn('quote', body, roots));
  return h;
}

async function refusal(body: string, roots: string): Promise<string> {
  const error = await new EngineHarness().deploy(bpmn('quote', body, roots)).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParseError);
  return (error as ParseError).issues.map((i) => `${i.elementId}: ${i.message}`).join('\n');
}

describe('feature: call activities that call a global task run it in place', () => {
  it('a global user task becomes a user task with its properties, under the call activity id', async () => {
    const h = await deployed(`
      <startEvent id="start"/>
      <callActivity id="approve" calledElement="approveDiscount"/>
      <endEvent id="done"/>
      ${flows('start', 'approve', 'done')}`);
    const id = await h.start('quote', { discount: 15 });

    const task = h.task(id, 'approve');
    expect(task.name).toBe('Approve discount of 15%');
    expect(task.description).toBe('Check the margin first');
    expect(task.formKey).toBe('embedded:discount');
    expect(h.activities(id).find((a) => a.activityId === 'approve')!.activityType).toBe('userTask');
    expect(h.store.history.processInstance.size).toBe(1);

    await h.complete(id, 'approve', { approved: true });
    expect(h.state(id)).toBe('COMPLETED');
    expect(h.variable(id, 'approved')).toBe(true);
  });

  it('a global script task runs its script in the calling process, result variable included', async () => {
    const h = await deployed(`
      <startEvent id="start"/>
      <callActivity id="price" calledElement="computePrice"/>
      <userTask id="review"/>
      ${flows('start', 'price', 'review')}`);
    const id = await h.start('quote', { listPrice: 200, discount: 10 });
    expect(h.variable(id, 'price')).toBe(180);
    expect(h.activeElements(id)).toEqual(['review']);
  });

  it('global manual tasks and global tasks pass through; the call activity keeps its boundary events and loop', async () => {
    const h = await deployed(`
      <startEvent id="start"/>
      <callActivity id="print" calledElement="printContract"/>
      <callActivity id="note" calledElement="noteIt"/>
      <callActivity id="approveEach" calledElement="approveDiscount">
        <multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>
      </callActivity>
      <boundaryEvent id="tooSlow" attachedToRef="approveEach"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
      <endEvent id="done"/>
      <endEvent id="timedOut"/>
      ${flows('start', 'print', 'note', 'approveEach', 'done')}
      ${flows('tooSlow', 'timedOut')}`);
    const id = await h.start('quote', { discount: 5 });
    expect(h.path(id).slice(0, 3)).toEqual(['start', 'print', 'note']);
    expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['approveEach', 'approveEach']);

    await h.advance(3600_000);
    expect(h.state(id)).toBe('COMPLETED');
    expect(h.path(id)).toContain('timedOut');
  });

  it('a call activity naming a process still calls the process', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn('quote', `<startEvent id="start"/><callActivity id="sub" calledElement="child"/><endEvent id="done"/>${flows('start', 'sub', 'done')}`, globals),
      bpmn('child', `<startEvent id="s"/><userTask id="inner"/>${flows('s', 'inner')}`),
    );
    await h.start('quote');
    expect(h.tasks().map((t) => t.taskDefinitionKey)).toEqual(['inner']);
  });

  it('an unsupported global task, or camunda:in/out on a call running a global task, is refused at deploy', async () => {
    expect(await refusal(`
      <startEvent id="start"/><callActivity id="decide" calledElement="rules"/>${flows('start', 'decide')}`,
    '<globalBusinessRuleTask id="rules"/>')).toMatch(
      /decide: Expected the called global task 'rules' to be a globalTask, globalUserTask, globalScriptTask or globalManualTask, but it is a globalBusinessRuleTask/,
    );
    expect(await refusal(`
      <startEvent id="start"/>
      <callActivity id="approve" calledElement="approveDiscount"><extensionElements><camunda:in variables="all"/></extensionElements></callActivity>
      ${flows('start', 'approve')}`, globals)).toMatch(/approve: Expected no camunda:in \/ camunda:out on a call activity that runs the global task 'approveDiscount'/);
    expect(await refusal(`
      <startEvent id="start"/><callActivity id="calc" calledElement="js"/>${flows('start', 'calc')}`,
    '<globalScriptTask id="js" scriptLanguage="javascript"><script>1</script></globalScriptTask>')).toMatch(
      /js: Expected scriptLanguage 'juel' or 'feel', but got 'javascript'/,
    );
  });
});
