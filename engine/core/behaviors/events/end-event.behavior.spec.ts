import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

async function deployed(...models: string[]): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(...models);
  return h;
}

describe('end event', () => {
  describe('none end event', () => {
    it('completes the instance when the last token reaches it', async () => {
      // given a process start -> task -> end
      const h = await deployed(bpmn('simple', `
        <startEvent id="start"/>
        <task id="work"/>
        <endEvent id="end"/>
        ${flows('start', 'work', 'end')}`));

      // when it starts
      const id = await h.start('simple', { dealId: 7 });

      // then it ran straight through and is completed with its end activity recorded
      expect(h.path(id)).toEqual(['start', 'work', 'end']);
      expect(h.state(id)).toBe('COMPLETED');
      expect(h.historicInstance(id)?.endActivityId).toBe('end');
      expect(h.activeElements(id)).toEqual([]);
      expect(h.variable(id, 'dealId')).toBe(7);
    });

    it('ends only its own branch while another branch still holds a token', async () => {
      // given a parallel fork where one branch ends at once and the other waits in a user task
      const h = await deployed(bpmn('branches', `
        <startEvent id="start"/>
        <parallelGateway id="fork"/>
        <endEvent id="quickEnd"/>
        <userTask id="review"/>
        <endEvent id="end"/>
        ${flows('start', 'fork', 'quickEnd')}
        ${flows('fork', 'review', 'end')}`));

      // when it starts
      const id = await h.start('branches');

      // then the quick branch ended but the instance waits for the review
      expect(h.path(id)).toContain('quickEnd');
      expect(h.state(id)).toBe('ACTIVE');
      expect(h.activeElements(id)).toEqual(['review']);

      // and completing the review ends it
      await h.complete(id, 'review');
      expect(h.state(id)).toBe('COMPLETED');
    });
  });

  describe('terminate end event', () => {
    const terminating = bpmn('terminating', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      <userTask id="slowReview"/>
      <endEvent id="slowEnd"/>
      <task id="quickCheck"/>
      <endEvent id="terminate"><terminateEventDefinition/></endEvent>
      ${flows('start', 'fork', 'slowReview', 'slowEnd')}
      ${flows('fork', 'quickCheck', 'terminate')}`);

    it('cancels the other branches and completes the process', async () => {
      // given a fork where one branch reaches a terminate end event while the other waits
      const h = await deployed(terminating);

      // when the instance runs
      const id = await h.start('terminating');

      // then the waiting user task is gone and the instance is COMPLETED (not terminated)
      expect(h.state(id)).toBe('COMPLETED');
      expect(h.historicInstance(id)?.endActivityId).toBe('terminate');
      expect(h.tasks(id)).toEqual([]);
      expect(h.activeElements(id)).toEqual([]);
      expect(h.path(id)).not.toContain('slowEnd');
    });

    it('records the cancelled activity as canceled in history', async () => {
      const h = await deployed(terminating);
      const id = await h.start('terminating');

      const review = h.activities(id).find((a) => a.activityId === 'slowReview');
      expect(review?.canceled).toBe(true);
      expect(review?.endTime).not.toBeNull();
      const check = h.activities(id).find((a) => a.activityId === 'quickCheck');
      expect(check?.canceled).toBe(false);
      const historicTask = [...h.store.history.task.values()] as { taskDefinitionKey: string; deleteReason: string | null }[];
      expect(historicTask.find((t) => t.taskDefinitionKey === 'slowReview')?.deleteReason).toMatch(/terminated by end event 'terminate'/);
    });

    it('also cancels a token already waiting at a parallel join, so the instance completes (regression)', async () => {
      // given a fork where "prepared" reaches the join at once and waits there for "review"
      const h = await deployed(bpmn('joinWaiting', `
        <startEvent id="start"/>
        <parallelGateway id="fork"/>
        <task id="prepared"/>
        <userTask id="review"/>
        <parallelGateway id="join"/>
        <endEvent id="end"/>
        <userTask id="abort"/>
        <endEvent id="terminate"><terminateEventDefinition/></endEvent>
        ${flows('start', 'fork', 'prepared', 'join', 'end')}
        ${flows('fork', 'review', 'join')}
        ${flows('fork', 'abort', 'terminate')}`));
      const id = await h.start('joinWaiting');

      // when the abort branch terminates
      await h.complete(id, 'abort');

      // then no token is left anywhere and the instance is completed
      expect(h.state(id)).toBe('COMPLETED');
      expect(h.store.instances.size).toBe(0);
      expect(h.path(id)).not.toContain('end');
    });

    it('inside a sub-process ends only the sub-process and the parent continues', async () => {
      // given a sub-process with two branches, one of them terminating, and a parallel branch outside
      const h = await deployed(bpmn('scoped', `
        <startEvent id="start"/>
        <parallelGateway id="outerFork"/>
        <userTask id="outside"/>
        <endEvent id="outsideEnd"/>
        <subProcess id="sub">
          <startEvent id="subStart"/>
          <parallelGateway id="innerFork"/>
          <userTask id="innerWait"/>
          <endEvent id="innerEnd"/>
          <endEvent id="innerTerminate"><terminateEventDefinition/></endEvent>
          ${flows('subStart', 'innerFork', 'innerWait', 'innerEnd')}
          ${flows('innerFork', 'innerTerminate')}
        </subProcess>
        <userTask id="afterSub"/>
        <endEvent id="end"/>
        ${flows('start', 'outerFork', 'sub', 'afterSub', 'end')}
        ${flows('outerFork', 'outside', 'outsideEnd')}`));

      // when it runs
      const id = await h.start('scoped');

      // then the sub-process ended normally (the inner task cancelled) and the flow after it runs
      expect(h.state(id)).toBe('ACTIVE');
      expect(h.activeElements(id)).toEqual(['afterSub', 'outside']);
      expect(h.activities(id).find((a) => a.activityId === 'innerWait')?.canceled).toBe(true);
      expect(h.activities(id).find((a) => a.activityId === 'sub')?.canceled).toBe(false);

      // and the rest of the process finishes normally
      await h.complete(id, 'afterSub');
      await h.complete(id, 'outside');
      expect(h.state(id)).toBe('COMPLETED');
      expect(h.path(id)).toEqual(expect.arrayContaining(['afterSub', 'end', 'outsideEnd']));
    });
  });

  describe('signal end event', () => {
    it('broadcasts its signal to waiting instances as it ends', async () => {
      // given one instance waiting for a signal and a process that ends with that signal
      const signals = `<signal id="sig" name="dealClosed"/>`;
      const h = await deployed(
        bpmn('waiter', `
          <startEvent id="start"/>
          <intermediateCatchEvent id="waitClosed"><signalEventDefinition signalRef="sig"/></intermediateCatchEvent>
          <endEvent id="end"/>
          ${flows('start', 'waitClosed', 'end')}`, signals),
        bpmn('closer', `
          <startEvent id="start"/>
          <endEvent id="announce"><signalEventDefinition signalRef="sig"/></endEvent>
          ${flows('start', 'announce')}`, signals),
      );
      const waiter = await h.start('waiter');
      expect(h.activeElements(waiter)).toEqual(['waitClosed']);

      // when the closer runs to its signal end event
      const closer = await h.start('closer');

      // then both are completed
      expect(h.state(closer)).toBe('COMPLETED');
      expect(h.historicInstance(closer)?.endActivityId).toBe('announce');
      expect(h.state(waiter)).toBe('COMPLETED');
      expect(h.path(waiter)).toEqual(['start', 'waitClosed', 'end']);
      expect(h.store.subscriptions.size).toBe(0);
    });
  });

  describe('message end event', () => {
    it('hands its message to an external worker and ends when the worker completes', async () => {
      const h = await deployed(bpmn('notifying', `
        <startEvent id="start"/>
        <endEvent id="notify"><messageEventDefinition camunda:type="external" camunda:topic="crm.notify"/></endEvent>
        ${flows('start', 'notify')}`));
      const id = await h.start('notifying');
      expect(h.externalTasks(id).map((t) => t.topic)).toEqual(['crm.notify']);
      expect(h.state(id)).toBe('ACTIVE');

      await h.completeExternal(id, 'notify', { notified: true });

      expect(h.state(id)).toBe('COMPLETED');
      expect(h.variable(id, 'notified')).toBe(true);
    });
  });
});
