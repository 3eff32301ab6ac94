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
    expect(task.due?.toISOString()).toBe('2026-01-07T09:00:00.000Z');
    expect(h.state(id)).toBe('ACTIVE');
  });

  it('completes with variables and ends the instance', async () => {
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('approval', { owner: 'mary', amount: 10, candidates: 'ann' });
    await h.complete(id, 'review', { approved: true });
    expect(h.state(id)).toBe('COMPLETED');
    expect(h.path(id)).toEqual(['start', 'review', 'end']);
    expect(h.variable(id, 'approved')).toBe(true);
    expect(h.tasks(id)).toEqual([]);
  });

  it('refuses a second completion of the same task', async () => {
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('approval', { owner: 'mary', amount: 10, candidates: 'ann' });
    const task = h.task(id, 'review');
    await h.engine.completeTask({ taskId: task.id, variables: new Map() });
    await expect(h.engine.completeTask({ taskId: task.id, variables: new Map() })).rejects.toThrow(/Cannot find task/);
  });

  it('lets a candidate claim and refuses a claim by someone else', async () => {
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('approval', { owner: null, amount: 10, candidates: 'ann,bob' });
    const task = h.task(id, 'review');
    expect(task.assignee).toBeNull();
    await h.engine.claimTask(task.id, 'ann');
    expect(h.task(id, 'review').assignee).toBe('ann');
    await expect(h.engine.claimTask(task.id, 'bob')).rejects.toThrow(/already claimed/);
    await h.engine.setTaskAssignee(task.id, null);
    expect(h.task(id, 'review').assignee).toBeNull();
  });
});
