import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

describe('user task', () => {
  const model = bpmn('approval', `
    <startEvent id="start"/>
    <userTask id="review" name="Review \${dealName}" camunda:assignee="\${owner}" camunda:candidateGroups="sales, heads"
      camunda:candidateUsers="\${candidates}" camunda:priority="\${amount > 1000 ? 80 : 20}" camunda:dueDate="P2D" camunda:formKey="embedded:review"/>
    <endEvent id="end"/>
    ${flows('start', 'review', 'end')}`);

  it('creates a task with expression-driven attributes and waits for it', async () => {
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('approval', { owner: 'mary', amount: 5000, dealName: 'Globex', candidates: ['ann', 'bob'] });
    const task = h.task(id, 'review');
    expect(task.assignee).toBe('mary');
    expect(task.candidateGroups).toEqual(['sales', 'heads']);
    expect(task.candidateUsers).toEqual(['ann', 'bob']);
    expect(task.priority).toBe(80);
    expect(task.formKey).toBe('embedded:review');
    // the name is an expression, as in Camunda 7 (regression: it used to stay 'Review ${dealName}')
    expect(task.name).toBe('Review Globex');
    expect(task.due?.toISOString()).toBe('2026-01-07T09:00:00.000Z');
    expect(h.state(id)).toBe('ACTIVE');
  });

  it('takes its description from the documentation, evaluated as an expression', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('documented', `
      <startEvent id="start"/>
      <userTask id="call" name="Call \${contact}"><documentation>Ask \${contact} about deal \${execution.processBusinessKey}</documentation></userTask>
      ${flows('start', 'call')}`));
    const id = await h.start('documented', { contact: 'Ann' }, 'deal-7');
    expect(h.task(id, 'call')).toMatchObject({ name: 'Call Ann', description: 'Ask Ann about deal deal-7' });
    const historic = [...h.store.history.task.values()] as { name: string | null }[];
    expect(historic.map((t) => t.name)).toEqual(['Call Ann']);
    // the activity keeps its modelled name
    expect(h.activities(id).find((a) => a.activityId === 'call')?.activityName).toBe('Call ${contact}');
  });

  it('completes with variables and ends the instance', async () => {
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('approval', { owner: 'mary', amount: 10, candidates: 'ann', dealName: 'Initech' });
    await h.complete(id, 'review', { approved: true });
    expect(h.state(id)).toBe('COMPLETED');
    expect(h.path(id)).toEqual(['start', 'review', 'end']);
    expect(h.variable(id, 'approved')).toBe(true);
    expect(h.tasks(id)).toEqual([]);
  });

  it('refuses a second completion of the same task', async () => {
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('approval', { owner: 'mary', amount: 10, candidates: 'ann', dealName: 'Initech' });
    const task = h.task(id, 'review');
    await h.engine.completeTask({ taskId: task.id, variables: new Map() });
    await expect(h.engine.completeTask({ taskId: task.id, variables: new Map() })).rejects.toThrow(/Cannot find task/);
  });

  it('lets a candidate claim and refuses a claim by someone else', async () => {
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('approval', { owner: null, amount: 10, candidates: 'ann,bob', dealName: 'Initech' });
    const task = h.task(id, 'review');
    expect(task.assignee).toBeNull();
    await h.engine.claimTask(task.id, 'ann');
    expect(h.task(id, 'review').assignee).toBe('ann');
    await expect(h.engine.claimTask(task.id, 'bob')).rejects.toThrow(/already claimed/);
    await h.engine.setTaskAssignee(task.id, null);
    expect(h.task(id, 'review').assignee).toBeNull();
  });
});
