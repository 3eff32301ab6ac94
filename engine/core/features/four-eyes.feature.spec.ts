import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed, user } from '../../testing/engine-harness.js';
import { BadUserRequestError, ForbiddenError } from '../errors/index.js';

const PROCESSES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'processes');

function approval(fourEyes: string | null): string {
  const rule = fourEyes === null ? '' : `<extensionElements><camunda:properties><camunda:property name="fourEyes" value="${fourEyes}"/></camunda:properties></extensionElements>`;
  return bpmn('approval', `
    <startEvent id="start"/>
    <userTask id="approve" name="Approve discount" camunda:candidateGroups="manager">${rule}</userTask>
    <endEvent id="end"/>
    ${flows('start', 'approve', 'end')}`);
}

/** deploys the resources and starts `key` as `startUserId` */
async function started(resources: Record<string, string>, key: string, startUserId: string, variables: Record<string, unknown>) {
  const h = new EngineHarness();
  await h.engine.deploy({
    name: 'spec', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false,
    resources: Object.entries(resources).map(([name, content]) => ({ name, content })),
  });
  const { instance } = await h.engine.startProcessInstance({ definition: { by: 'latest', key }, businessKey: null, variables: typed(variables), startUserId });
  await h.runDueJobs();
  return { h, id: instance.id };
}

describe('feature: four eyes', () => {
  const requested = () => started({ 'approval.bpmn': approval('initiator, requesterId') }, 'approval', 'sam', { requesterId: 'rita' });

  it('the starter may not claim, complete or be given the task; the rule is named', async () => {
    const { h, id } = await requested();
    const task = h.task(id, 'approve');
    await expect(h.engine.claimTask(task.id, 'sam')).rejects.toThrow(new ForbiddenError("'sam' may not claim task 'Approve discount': four-eyes rule, they started this process instance, so someone else must decide"));
    await expect(h.complete(id, 'approve', {}, user('sam'))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(h.engine.setTaskAssignee(task.id, 'sam')).rejects.toThrow(/may not be given to 'sam': four-eyes rule/);
    await expect(h.engine.delegateTask(task.id, 'sam')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(h.engine.updateTask(task.id, { assignee: 'sam' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(h.task(id, 'approve').assignee).toBeNull();
  });

  it('nor may the user a named variable holds, even an operator', async () => {
    const { h, id } = await requested();
    await expect(h.complete(id, 'approve', {}, user('rita', true))).rejects.toThrow("'rita' may not complete task 'Approve discount': four-eyes rule, they are its 'requesterId', so someone else must decide");
    await expect(h.engine.claimTask(h.task(id, 'approve').id, 'rita')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('anyone else decides; a delegate who resolves is held to it too', async () => {
    const { h, id } = await requested();
    const task = h.task(id, 'approve');
    await h.engine.claimTask(task.id, 'carl');
    await h.engine.delegateTask(task.id, 'dana');
    await expect(h.engine.resolveTask(task.id, typed({}), user('rita'))).rejects.toBeInstanceOf(ForbiddenError);
    await h.engine.resolveTask(task.id, typed({}), user('dana'));
    await h.complete(id, 'approve', {}, user('carl'));
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('does not bind the application itself, nor tasks without the rule', async () => {
    const { h, id } = await requested();
    await h.complete(id, 'approve');
    expect(h.state(id)).toBe('COMPLETED');
    const plain = await started({ 'approval.bpmn': approval(null) }, 'approval', 'sam', { requesterId: 'rita' });
    await plain.h.complete(plain.id, 'approve', {}, user('sam'));
    expect(plain.h.state(plain.id)).toBe('COMPLETED');
  });

  describe('the reference deal approval (processes/deal-approval.bpmn with its approval matrix deal-approval.dmn)', () => {
    const reference = () => started({
      'deal-approval.bpmn': readFileSync(join(PROCESSES, 'deal-approval.bpmn'), 'utf8'),
      'deal-approval.dmn': readFileSync(join(PROCESSES, 'deal-approval.dmn'), 'utf8'),
      'deal-approval.form': readFileSync(join(PROCESSES, 'deal-approval.form'), 'utf8'),
    }, 'deal-approval', 'sasha', { amount: 500_000, discountPercent: 15, requesterId: 'sasha' });

    it('the requester cannot approve their own large deal alone, nor overwrite the approval levels; it goes to the head', async () => {
      const { h, id } = await reference();
      const level = () => h.task(id, 'LevelApproval').candidateGroups;
      expect(level()).toEqual(['manager']);
      await expect(h.complete(id, 'LevelApproval', { approved: true }, user('sasha'))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(h.complete(id, 'LevelApproval', { approved: true, approvalLevels: ['manager'], approvalLevel: 'director' }, user('jo')))
        .rejects.toThrow(new BadUserRequestError("Task 'Approval (manager)' may not set 'approvalLevels' and 'approvalLevel': its form does not name them"));
      await expect(h.complete(id, 'LevelApproval', { approved: true, amount: 1 }, user('jo'))).rejects.toThrow(/'amount': its form shows it read-only/);
      expect(h.variable(id, 'approvalLevels')).toEqual(['manager', 'head', 'director']);
      await h.complete(id, 'LevelApproval', { approved: true, decisionComment: 'ok' }, user('jo'));
      expect(level()).toEqual(['head']);
      await expect(h.complete(id, 'LevelApproval', { approved: true }, user('sasha'))).rejects.toBeInstanceOf(ForbiddenError);
      await h.complete(id, 'LevelApproval', { approved: true }, user('hal'));
      expect(level()).toEqual(['director']);
      await expect(h.complete(id, 'LevelApproval', { approved: true }, user('sasha'))).rejects.toBeInstanceOf(ForbiddenError);
    });
  });
});
