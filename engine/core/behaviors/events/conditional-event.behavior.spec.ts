import { bpmn, conditionalEvent as condition, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../../testing/engine-harness.js';

async function started(model: string, key: string, variables: Record<string, unknown> = {}) {
  const h = new EngineHarness();
  await h.deploy(model);
  const id = await h.start(key, variables);
  const setVariables = (values: Record<string, unknown>, deletions: string[] = []) => h.engine.modifyVariables(id, typed(values), deletions);
  return { h, id, setVariables };
}

const conditionalSubscriptions = (h: EngineHarness) => [...h.store.subscriptions.values()].filter((s) => s.type === 'conditional');

describe('conditional event', () => {
  describe('intermediate catch', () => {
    const model = bpmn('order', `
      <startEvent id="start"/>
      <intermediateCatchEvent id="creditApproved">${condition('${approved}')}</intermediateCatchEvent>
      <userTask id="ship"/>
      ${flows('start', 'creditApproved', 'ship')}`);

    it('passes through when its condition already holds on entry', async () => {
      const { h, id } = await started(model, 'order', { approved: true });

      expect(h.path(id)).toEqual(['start', 'creditApproved', 'ship']);
      expect(h.activities(id).find((a) => a.activityId === 'creditApproved')?.activityType).toBe('intermediateConditional');
      expect(conditionalSubscriptions(h)).toEqual([]);
    });

    it('waits while the condition is false and continues when a variable change makes it true', async () => {
      const { h, id, setVariables } = await started(model, 'order', { approved: false });
      expect(h.activeElements(id)).toEqual(['creditApproved']);
      expect(conditionalSubscriptions(h).map((s) => s.activityId)).toEqual(['creditApproved']);

      await setVariables({ note: 'still checking' });
      expect(h.activeElements(id)).toEqual(['creditApproved']);

      await setVariables({ approved: true });
      expect(h.activeElements(id)).toEqual(['ship']);
      expect(conditionalSubscriptions(h)).toEqual([]);
    });

    it('a condition over a variable that does not exist yet is false, not an error (as in Camunda 7)', async () => {
      const { h, id, setVariables } = await started(model, 'order');
      expect(h.activeElements(id)).toEqual(['creditApproved']);

      await setVariables({ approved: true });
      expect(h.activeElements(id)).toEqual(['ship']);
    });

    it('a condition that cannot be evaluated to a boolean fails the command, naming the event', async () => {
      const h = new EngineHarness();
      await h.deploy(model);
      await expect(h.start('order', { approved: 'soon' })).rejects.toThrow(/Could not evaluate the condition of 'creditApproved'/);
      expect(h.store.instances.size).toBe(0);
    });
  });

  describe('boundary event on a user task', () => {
    const model = bpmn('offer', `
      <startEvent id="start"/>
      <userTask id="prepareOffer"/>
      <boundaryEvent id="withdrawn" attachedToRef="prepareOffer">${condition('${withdrawn}')}</boundaryEvent>
      <boundaryEvent id="vip" attachedToRef="prepareOffer" cancelActivity="false">${condition("${tier == 'vip'}")}</boundaryEvent>
      <userTask id="archive"/>
      <userTask id="informAccountManager"/>
      <endEvent id="sent"/>
      ${flows('start', 'prepareOffer', 'sent')}
      ${flows('withdrawn', 'archive')}
      ${flows('vip', 'informAccountManager')}`);

    it('interrupting: cancels the task and takes its path when a variable change makes it true', async () => {
      const { h, id, setVariables } = await started(model, 'offer', { withdrawn: false, tier: 'basic' });

      await setVariables({ withdrawn: true });

      expect(h.activeElements(id)).toEqual(['archive']);
      expect(h.activities(id).find((a) => a.activityId === 'prepareOffer')?.canceled).toBe(true);
      expect(h.activities(id).find((a) => a.activityId === 'withdrawn')?.activityType).toBe('boundaryConditional');
      expect(conditionalSubscriptions(h)).toEqual([]);
    });

    it('interrupting: fires at once when its condition already holds as the task is entered', async () => {
      const { h, id } = await started(model, 'offer', { withdrawn: true, tier: 'basic' });

      expect(h.activeElements(id)).toEqual(['archive']);
      expect(h.path(id)).toEqual(['start', 'prepareOffer', 'withdrawn', 'archive']);
    });

    it('non-interrupting: runs its path each time a change leaves the condition true, and the task stays', async () => {
      const { h, id, setVariables } = await started(model, 'offer', { withdrawn: false, tier: 'basic' });

      await setVariables({ tier: 'vip' });
      expect(h.tasks(id).map((t) => t.taskDefinitionKey).sort()).toEqual(['informAccountManager', 'prepareOffer']);

      // Camunda semantics: every evaluation to true after a variable change fires, not only a false-to-true edge
      await setVariables({ discount: 5 });
      expect(h.tasks(id).filter((t) => t.taskDefinitionKey === 'informAccountManager')).toHaveLength(2);

      await setVariables({ tier: 'basic' });
      expect(h.tasks(id).filter((t) => t.taskDefinitionKey === 'informAccountManager')).toHaveLength(2);
      expect(h.activeElements(id)).toContain('prepareOffer');
    });

    it('stops with the task: once it completed, a change that would have fired it does nothing', async () => {
      const { h, id, setVariables } = await started(bpmn('offer', `
        <startEvent id="start"/>
        <userTask id="prepareOffer"/>
        <boundaryEvent id="withdrawn" attachedToRef="prepareOffer">${condition('${withdrawn}')}</boundaryEvent>
        <userTask id="followUp"/>
        <userTask id="archive"/>
        ${flows('start', 'prepareOffer', 'followUp')}
        ${flows('withdrawn', 'archive')}`), 'offer', { withdrawn: false });
      await h.complete(id, 'prepareOffer');
      expect(conditionalSubscriptions(h)).toEqual([]);

      await setVariables({ withdrawn: true });

      expect(h.activeElements(id)).toEqual(['followUp']);
      expect(h.path(id)).not.toContain('withdrawn');
    });

    it('sees the task\'s local variables: a local change on the task fires it', async () => {
      const { h, id } = await started(model, 'offer', { withdrawn: false, tier: 'basic' });

      await h.engine.setTaskVariables(h.task(id, 'prepareOffer').id, typed({ withdrawn: true }), true);

      expect(h.activeElements(id)).toEqual(['archive']);
    });
  });

  describe('boundary event on a sub-process', () => {
    const model = bpmn('onboarding', `
      <startEvent id="start"/>
      <subProcess id="setup">
        <startEvent id="setupStart"/>
        <userTask id="collectDocuments"/>
        <userTask id="verify"/>
        <endEvent id="setupEnd"/>
        ${flows('setupStart', 'collectDocuments', 'verify', 'setupEnd')}
      </subProcess>
      <boundaryEvent id="fraudSuspected" attachedToRef="setup">${condition('${riskScore > 80}')}</boundaryEvent>
      <boundaryEvent id="largeAccount" attachedToRef="setup" cancelActivity="false">${condition('${volume > 1000}', 'camunda:variableName="volume"')}</boundaryEvent>
      <userTask id="investigate"/>
      <userTask id="assignKeyAccount"/>
      <userTask id="welcome"/>
      ${flows('start', 'setup', 'welcome')}
      ${flows('fraudSuspected', 'investigate')}
      ${flows('largeAccount', 'assignKeyAccount')}`);

    it('interrupting: a variable set by a task inside the sub-process cancels the whole sub-process', async () => {
      const { h, id } = await started(model, 'onboarding', { riskScore: 10 });

      await h.complete(id, 'collectDocuments', { riskScore: 95 });

      expect(h.activeElements(id)).toEqual(['investigate']);
      expect(h.activities(id).filter((a) => a.canceled).map((a) => a.activityId).sort()).toEqual(['setup', 'verify']);
    });

    it('non-interrupting: fires alongside the sub-process, which carries on', async () => {
      const { h, id } = await started(model, 'onboarding', { riskScore: 10 });

      await h.complete(id, 'collectDocuments', { volume: 5000 });

      expect(h.activeElements(id)).toEqual(['assignKeyAccount', 'setup', 'verify']);
      await h.complete(id, 'verify');
      expect(h.activeElements(id)).toEqual(['assignKeyAccount', 'welcome']);
    });
  });

  describe('event sub-process start', () => {
    const model = (scopeContent: string) => bpmn('claim', `
      <startEvent id="start"/>
      <userTask id="assess"/>
      <endEvent id="end"/>
      ${flows('start', 'assess', 'end')}
      ${scopeContent}`);
    const interrupting = `
      <subProcess id="onWithdrawal" triggeredByEvent="true">
        <startEvent id="withdrawn">${condition('${withdrawn}')}</startEvent>
        <userTask id="closeClaim"/>
        ${flows('withdrawn', 'closeClaim')}
      </subProcess>`;
    const nonInterrupting = `
      <subProcess id="onEscalation" triggeredByEvent="true">
        <startEvent id="escalated" isInterrupting="false">${condition('${escalationLevel > 1}', 'camunda:variableName="escalationLevel"')}</startEvent>
        <userTask id="briefManager"/>
        ${flows('escalated', 'briefManager')}
      </subProcess>`;

    it('interrupting: cancels the main flow and runs instead of it', async () => {
      const { h, id, setVariables } = await started(model(interrupting), 'claim', { withdrawn: false });

      await setVariables({ withdrawn: true });

      expect(h.activeElements(id)).toEqual(['closeClaim', 'onWithdrawal']);
      expect(h.activities(id).find((a) => a.activityId === 'assess')?.canceled).toBe(true);
      expect(h.activities(id).find((a) => a.activityId === 'withdrawn')?.activityType).toBe('conditionalStartEvent');
      expect(conditionalSubscriptions(h)).toEqual([]);
    });

    it('non-interrupting: runs once per change of its variable that leaves the condition true', async () => {
      const { h, id, setVariables } = await started(model(nonInterrupting), 'claim', { escalationLevel: 0 });

      await setVariables({ escalationLevel: 2 });
      await setVariables({ note: 'customer called' });
      await setVariables({ escalationLevel: 3 });

      expect(h.tasks(id).map((t) => t.taskDefinitionKey).sort()).toEqual(['assess', 'briefManager', 'briefManager']);
      expect(conditionalSubscriptions(h)).toHaveLength(1);
    });

    it('non-interrupting: fires as the scope starts when its condition already holds', async () => {
      const { h, id } = await started(model(nonInterrupting), 'claim', { escalationLevel: 5 });
      expect(h.activeElements(id)).toEqual(['assess', 'briefManager', 'onEscalation']);
    });

    it('inside a sub-process: interrupts only that sub-process', async () => {
      const { h, id, setVariables } = await started(bpmn('claim', `
        <startEvent id="start"/>
        <subProcess id="investigation">
          <startEvent id="investigationStart"/>
          <userTask id="collectEvidence"/>
          ${flows('investigationStart', 'collectEvidence')}
          ${interrupting}
        </subProcess>
        <userTask id="decide"/>
        ${flows('start', 'investigation', 'decide')}`), 'claim', { withdrawn: false });

      await setVariables({ withdrawn: true });
      expect(h.activeElements(id)).toEqual(['closeClaim', 'investigation', 'onWithdrawal']);

      await h.complete(id, 'closeClaim');
      expect(h.activeElements(id)).toEqual(['decide']);
    });
  });

  describe('after an event-based gateway', () => {
    const model = bpmn('quote', `
      <startEvent id="start"/>
      <eventBasedGateway id="waitForAnswer"/>
      <intermediateCatchEvent id="accepted">${condition("${answer == 'yes'}")}</intermediateCatchEvent>
      <intermediateCatchEvent id="replied"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
      <userTask id="book"/>
      <userTask id="readReply"/>
      ${flows('start', 'waitForAnswer')}
      ${flows('waitForAnswer', 'accepted', 'book')}
      ${flows('waitForAnswer', 'replied', 'readReply')}`, `<message id="m" name="customerReplied"/>`);

    it('the condition wins when a variable change makes it true; the message subscription goes', async () => {
      const { h, id, setVariables } = await started(model, 'quote');
      expect(h.store.subscriptions.size).toBe(2);

      await setVariables({ answer: 'yes' });

      expect(h.activeElements(id)).toEqual(['book']);
      expect(h.store.subscriptions.size).toBe(0);
    });

    it('is chosen at once when its condition holds as the gateway is entered', async () => {
      const { h, id } = await started(model, 'quote', { answer: 'yes' });
      expect(h.path(id)).toEqual(['start', 'waitForAnswer', 'accepted', 'book']);
      expect(h.store.subscriptions.size).toBe(0);
    });
  });
});
