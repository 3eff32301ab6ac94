import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';
import { toJsValue } from '../../variables/index.js';

const HOUR = 3_600_000;

function approvals(loop: string, extra = ''): string {
  return bpmn('approvals', `
    <startEvent id="start"/>
    <userTask id="approve" camunda:assignee="\${approver}">
      ${loop}
    </userTask>
    <userTask id="after"/>
    <endEvent id="end"/>
    ${extra}
    ${flows('start', 'approve', 'after', 'end')}`);
}

/** the local variables of the element instance(s) of `elementId` */
function locals(h: EngineHarness, elementId: string): Record<string, unknown>[] {
  const instances = [...h.store.elements.values()].filter((e) => e.elementId === elementId && e.kind !== 'multiInstanceBody');
  return instances.map((ei) => Object.fromEntries([...h.store.variables.values()].filter((v) => v.scopeId === ei.id).map((v) => [v.name, toJsValue(v.value)])));
}

function bodyCounters(h: EngineHarness): Record<string, unknown> {
  const body = [...h.store.elements.values()].find((e) => e.kind === 'multiInstanceBody')!;
  return Object.fromEntries([...h.store.variables.values()].filter((v) => v.scopeId === body.id).map((v) => [v.name, toJsValue(v.value)]));
}

describe('multi-instance activity', () => {
  describe('parallel', () => {
    it('over a collection: one task per element, with the element variable and loopCounter', async () => {
      const h = new EngineHarness();
      await h.deploy(approvals(`<multiInstanceLoopCharacteristics camunda:collection="\${approvers}" camunda:elementVariable="approver"/>`));
      const id = await h.start('approvals', { approvers: ['ann', 'bob', 'cy'] });

      expect(h.tasks(id).map((t) => t.assignee).sort()).toEqual(['ann', 'bob', 'cy']);
      expect(locals(h, 'approve').sort((a, b) => Number(a['loopCounter']) - Number(b['loopCounter'])))
        .toEqual([{ loopCounter: 0, approver: 'ann' }, { loopCounter: 1, approver: 'bob' }, { loopCounter: 2, approver: 'cy' }]);
      expect(bodyCounters(h)).toEqual({ nrOfInstances: 3, nrOfActiveInstances: 3, nrOfCompletedInstances: 0 });
      expect(h.activities(id).find((a) => a.activityId === 'approve#multiInstanceBody')?.activityType).toBe('multiInstanceBody');
    });

    it('counts completed instances and continues once all completed', async () => {
      const h = new EngineHarness();
      await h.deploy(approvals(`<multiInstanceLoopCharacteristics camunda:collection="\${approvers}" camunda:elementVariable="approver"/>`));
      const id = await h.start('approvals', { approvers: ['ann', 'bob'] });
      const [first, second] = h.tasks(id);

      await h.engine.completeTask({ taskId: first!.id, variables: new Map() });
      expect(bodyCounters(h)).toEqual({ nrOfInstances: 2, nrOfActiveInstances: 1, nrOfCompletedInstances: 1 });
      expect(h.activeElements(id)).toEqual(['approve', 'approve']);

      await h.engine.completeTask({ taskId: second!.id, variables: new Map() });
      expect(h.activeElements(id)).toEqual(['after']);
      expect(h.path(id).filter((a) => a === 'approve')).toHaveLength(2);
    });

    it('over loopCardinality', async () => {
      const h = new EngineHarness();
      await h.deploy(approvals(`<multiInstanceLoopCharacteristics><loopCardinality>\${reviewers}</loopCardinality></multiInstanceLoopCharacteristics>`));
      const id = await h.start('approvals', { reviewers: 3, approver: 'team' });
      expect(h.tasks(id)).toHaveLength(3);
      expect(locals(h, 'approve').map((l) => l['loopCounter']).sort()).toEqual([0, 1, 2]);
    });

    it('an empty collection completes at once', async () => {
      const h = new EngineHarness();
      await h.deploy(approvals(`<multiInstanceLoopCharacteristics camunda:collection="\${approvers}" camunda:elementVariable="approver"/>`));
      const id = await h.start('approvals', { approvers: [] });
      expect(h.activeElements(id)).toEqual(['after']);
      expect(h.path(id)).not.toContain('approve');
    });

    it('a completion condition cancels the remaining instances', async () => {
      const h = new EngineHarness();
      await h.deploy(approvals(`
        <multiInstanceLoopCharacteristics camunda:collection="\${approvers}" camunda:elementVariable="approver">
          <completionCondition>\${nrOfCompletedInstances / nrOfInstances >= 0.5}</completionCondition>
        </multiInstanceLoopCharacteristics>`));
      const id = await h.start('approvals', { approvers: ['ann', 'bob', 'cy', 'dan'] });

      await h.complete(id, 'approve');
      expect(h.tasks(id)).toHaveLength(3);
      await h.complete(id, 'approve');

      expect(h.activeElements(id)).toEqual(['after']);
      const approveActivities = h.activities(id).filter((a) => a.activityId === 'approve');
      expect(approveActivities.filter((a) => a.canceled)).toHaveLength(2);
      expect(approveActivities.filter((a) => !a.canceled)).toHaveLength(2);
    });

    it('the completion condition sees the element variable and loopCounter of the instance that completed', async () => {
      const h = new EngineHarness();
      await h.deploy(approvals(`
        <multiInstanceLoopCharacteristics camunda:collection="\${approvers}" camunda:elementVariable="approver">
          <completionCondition>\${approver == 'boss' &amp;&amp; loopCounter == 1}</completionCondition>
        </multiInstanceLoopCharacteristics>`));
      const id = await h.start('approvals', { approvers: ['ann', 'boss', 'cy'] });

      await h.engine.completeTask({ taskId: h.tasks(id).find((t) => t.assignee === 'ann')!.id, variables: new Map() });
      expect(h.tasks(id)).toHaveLength(2);
      await h.engine.completeTask({ taskId: h.tasks(id).find((t) => t.assignee === 'boss')!.id, variables: new Map() });

      expect(h.activeElements(id)).toEqual(['after']);
      expect(h.activities(id).filter((a) => a.activityId === 'approve' && a.canceled)).toHaveLength(1);
    });

    it('fails when the collection is not a collection', async () => {
      const h = new EngineHarness();
      await h.deploy(approvals(`<multiInstanceLoopCharacteristics camunda:collection="\${approvers}" camunda:elementVariable="approver"/>`));
      await expect(h.start('approvals', { approvers: 5 })).rejects.toThrow(/Expected camunda:collection of 'approve' to be a collection/);
    });
  });

  describe('sequential', () => {
    it('runs one instance after another in collection order', async () => {
      const h = new EngineHarness();
      await h.deploy(approvals(`<multiInstanceLoopCharacteristics isSequential="true" camunda:collection="\${approvers}" camunda:elementVariable="approver"/>`));
      const id = await h.start('approvals', { approvers: ['ann', 'bob', 'cy'] });

      const order: string[] = [];
      for (let i = 0; i < 3; i++) {
        expect(h.tasks(id)).toHaveLength(1);
        expect(locals(h, 'approve')[0]!['loopCounter']).toBe(i);
        expect(bodyCounters(h)).toEqual({ nrOfInstances: 3, nrOfActiveInstances: 1, nrOfCompletedInstances: i });
        order.push(h.task(id, 'approve').assignee!);
        await h.complete(id, 'approve');
      }

      expect(order).toEqual(['ann', 'bob', 'cy']);
      expect(h.activeElements(id)).toEqual(['after']);
    });

    it('a completion condition stops before the remaining elements start', async () => {
      const h = new EngineHarness();
      await h.deploy(approvals(`
        <multiInstanceLoopCharacteristics isSequential="true" camunda:collection="\${approvers}" camunda:elementVariable="approver">
          <completionCondition>\${rejected}</completionCondition>
        </multiInstanceLoopCharacteristics>`));
      const id = await h.start('approvals', { approvers: ['ann', 'bob', 'cy'], rejected: false });
      await h.complete(id, 'approve', { rejected: false });
      await h.complete(id, 'approve', { rejected: true });
      expect(h.activeElements(id)).toEqual(['after']);
      expect(h.path(id).filter((a) => a === 'approve')).toHaveLength(2);
    });
  });

  it('sequential: the completion condition sees the element variable of the instance that completed', async () => {
    const h = new EngineHarness();
    await h.deploy(approvals(`
      <multiInstanceLoopCharacteristics isSequential="true" camunda:collection="\${approvers}" camunda:elementVariable="approver">
        <completionCondition>\${approver == 'boss'}</completionCondition>
      </multiInstanceLoopCharacteristics>`));
    const id = await h.start('approvals', { approvers: ['ann', 'boss', 'cy'] });
    await h.complete(id, 'approve');
    await h.complete(id, 'approve');
    expect(h.activeElements(id)).toEqual(['after']);
    expect(h.path(id).filter((a) => a === 'approve')).toHaveLength(2);
  });

  it('a boundary timer on the multi-instance activity cancels all its instances', async () => {
    const h = new EngineHarness();
    await h.deploy(approvals(`<multiInstanceLoopCharacteristics camunda:collection="\${approvers}" camunda:elementVariable="approver"/>`, `
      <boundaryEvent id="deadline" attachedToRef="approve"><timerEventDefinition><timeDuration>PT4H</timeDuration></timerEventDefinition></boundaryEvent>
      <userTask id="decideAlone"/>
      ${flows('deadline', 'decideAlone')}`));
    const id = await h.start('approvals', { approvers: ['ann', 'bob', 'cy'] });
    await h.complete(id, 'approve');

    // one timer for the whole activity, not one per instance
    expect([...h.store.jobs.values()].map((j) => j.activityId)).toEqual(['deadline']);
    await h.advance(4 * HOUR);

    expect(h.activeElements(id)).toEqual(['decideAlone']);
    expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['decideAlone']);
    expect(h.activities(id).filter((a) => a.activityId === 'approve' && a.canceled)).toHaveLength(2);
    expect(h.activities(id).find((a) => a.activityId === 'approve#multiInstanceBody')?.canceled).toBe(true);
  });

  it('a multi-instance sub-process runs its content once per element, each with its own scope', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('perContact', `
      <startEvent id="start"/>
      <subProcess id="contactEach">
        <multiInstanceLoopCharacteristics camunda:collection="\${contacts}" camunda:elementVariable="contact"/>
        <startEvent id="s"/>
        <userTask id="call" camunda:assignee="\${contact.owner}"/>
        <endEvent id="e"/>
        ${flows('s', 'call', 'e')}
      </subProcess>
      <userTask id="after"/>
      ${flows('start', 'contactEach', 'after')}`));
    const id = await h.start('perContact', { contacts: [{ name: 'Ann', owner: 'mary' }, { name: 'Bob', owner: 'joe' }] });

    expect(h.tasks(id).map((t) => t.assignee).sort()).toEqual(['joe', 'mary']);
    expect(h.activeElements(id).filter((e) => e === 'contactEach')).toHaveLength(3);

    await h.complete(id, 'call');
    await h.complete(id, 'call');

    expect(h.activeElements(id)).toEqual(['after']);
    expect(h.path(id).filter((a) => a === 'call')).toHaveLength(2);
    expect(h.variable(id, 'contact')).toBeUndefined();
  });

  it('a multi-instance service task runs a handler per element', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('notifyAll', `
      <startEvent id="start"/>
      <serviceTask id="notify" camunda:type="external" camunda:topic="crm.notify">
        <multiInstanceLoopCharacteristics camunda:collection="\${recipients}" camunda:elementVariable="recipient"/>
      </serviceTask>
      <endEvent id="end"/>
      ${flows('start', 'notify', 'end')}`));
    const seen: unknown[] = [];
    h.handlers.set('crm.notify', async (input) => {
      seen.push([input.variables['recipient'], input.variables['loopCounter']]);
      return { outcome: 'complete' };
    });
    const id = await h.start('notifyAll', { recipients: ['a@x', 'b@x'] });
    expect(seen.sort()).toEqual([['a@x', 0], ['b@x', 1]]);
    expect(h.state(id)).toBe('COMPLETED');
  });
});
