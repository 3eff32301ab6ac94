import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed, user } from '../../testing/engine-harness.js';
import { BadUserRequestError, ParseError } from '../errors/index.js';

/**
 * start -> approve -> decision (approved?) -> needsHead (amount >= headThreshold?) -> head -> end:
 * the approval writes `approved`, the gateway after the next one routes on the process's inputs.
 */
function approval(taskAttributes = '', taskExtensions = '', condition = '${amount >= headThreshold}'): string {
  return bpmn('approval', `
    <startEvent id="start"/>
    <userTask id="approve" name="Manager approval" camunda:candidateGroups="manager" ${taskAttributes}>${taskExtensions}</userTask>
    <exclusiveGateway id="decision" default="rejected"/>
    <exclusiveGateway id="needsHead" default="noHead"/>
    <userTask id="head" name="Head approval"/>
    <endEvent id="approvedEnd"/>
    <endEvent id="rejectedEnd"/>
    ${flows('start', 'approve', 'decision')}
    <sequenceFlow id="yes" sourceRef="decision" targetRef="needsHead"><conditionExpression xsi:type="tFormalExpression">\${approved == true}</conditionExpression></sequenceFlow>
    <sequenceFlow id="rejected" sourceRef="decision" targetRef="rejectedEnd"/>
    <sequenceFlow id="headNeeded" sourceRef="needsHead" targetRef="head"><conditionExpression xsi:type="tFormalExpression">${condition}</conditionExpression></sequenceFlow>
    <sequenceFlow id="noHead" sourceRef="needsHead" targetRef="approvedEnd"/>
    ${flows('head', 'approvedEnd')}`);
}

const properties = (entries: Record<string, string>) =>
  `<extensionElements><camunda:properties>${Object.entries(entries).map(([name, value]) => `<camunda:property name="${name}" value="${value}"/>`).join('')}</camunda:properties></extensionElements>`;

const decisionForm = JSON.stringify({
  id: 'decision', type: 'default', components: [
    { id: 'f1', key: 'amount', type: 'number', label: 'Amount', readonly: true },
    { id: 'f2', key: 'approved', type: 'checkbox', label: 'Approve' },
    { id: 'f3', key: 'comment', type: 'textarea', label: 'Comment' },
    { id: 'g', type: 'group', path: 'address', components: [{ id: 'f4', key: 'city', type: 'textfield' }] },
    { id: 't', type: 'text', text: 'Decide' },
  ],
});

const INPUTS = { amount: 500_000, headThreshold: 100_000 };
const manager = user('mia');

async function deployed(xml: string, extra: Record<string, string> = {}): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.engine.deploy({
    name: 'spec', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false,
    resources: [{ name: 'approval.bpmn', content: xml }, ...Object.entries(extra).map(([name, content]) => ({ name, content }))],
  });
  return h;
}

async function refusedCompletion(h: EngineHarness, id: string, variables: Record<string, unknown>, message: string | RegExp): Promise<void> {
  const before = h.store.variables.size;
  await expect(h.complete(id, 'approve', variables, manager)).rejects.toThrow(message instanceof RegExp ? message : new BadUserRequestError(message));
  await expect(h.complete(id, 'approve', variables, manager)).rejects.toBeInstanceOf(BadUserRequestError);
  expect(h.task(id, 'approve')).toBeDefined();
  expect(h.store.variables.size).toBe(before);
  expect(h.variable(id, 'headThreshold')).toBe(INPUTS.headThreshold);
}

describe('feature: what completing a task may write', () => {
  describe('given a Camunda Form', () => {
    const model = approval('camunda:formRef="decision" camunda:formRefBinding="deployment"');

    it('refuses a variable the form does not name, naming the task and the variable; nothing changes', async () => {
      const h = await deployed(model, { 'decision.form': decisionForm });
      const id = await h.start('approval', INPUTS);
      await refusedCompletion(h, id, { approved: true, headThreshold: 10_000_000 }, "Task 'Manager approval' may not set 'headThreshold': its form does not name it");
      await refusedCompletion(h, id, { approved: true, headThreshold: 1, note: 'x' }, "Task 'Manager approval' may not set 'headThreshold' and 'note': its form does not name them");
    });

    it('takes the fields the form names, also those a group with a path binds, and the instance goes on', async () => {
      const h = await deployed(model, { 'decision.form': decisionForm });
      const id = await h.start('approval', INPUTS);
      await h.complete(id, 'approve', { approved: true, comment: 'fine', address: { city: 'Graz' } }, manager);
      expect(h.activeElements(id)).toEqual(['head']);
      expect(h.variable(id, 'comment')).toBe('fine');
    });

    it('refuses changing a field the form shows read-only, but takes it sent back unchanged', async () => {
      const h = await deployed(model, { 'decision.form': decisionForm });
      const id = await h.start('approval', INPUTS);
      await refusedCompletion(h, id, { approved: true, amount: 1 }, "Task 'Manager approval' may not set 'amount': its form shows it read-only");
      await h.complete(id, 'approve', { approved: true, amount: INPUTS.amount }, manager);
      expect(h.activeElements(id)).toEqual(['head']);
    });

    it('binds the application and operators too: the model said what the task writes', async () => {
      const h = await deployed(model, { 'decision.form': decisionForm });
      const id = await h.start('approval', INPUTS);
      await expect(h.complete(id, 'approve', { approved: true, headThreshold: 1 })).rejects.toBeInstanceOf(BadUserRequestError);
      await expect(h.complete(id, 'approve', { approved: true, headThreshold: 1 }, user('root', true))).rejects.toBeInstanceOf(BadUserRequestError);
    });

    it('a form that cannot be found refuses every change, saying why', async () => {
      const h = await deployed(approval('camunda:formRef="nowhere"'));
      const id = await h.start('approval', { ...INPUTS, approved: false });
      await refusedCompletion(h, id, { approved: true }, /Task 'Manager approval' may not set variables: its form cannot be read \(No Camunda Form Definition/);
      await h.complete(id, 'approve', {}, manager);
      expect(h.activeElements(id)).toEqual([]);
    });
  });

  describe('given camunda:formData or writableVariables', () => {
    const formData = '<camunda:formData><camunda:formField id="approved" type="boolean"/><camunda:formField id="amount" type="long"><camunda:validation><camunda:constraint name="readonly"/></camunda:validation></camunda:formField></camunda:formData>';

    it('formData: only its fields, a readonly constraint read-only', async () => {
      const h = await deployed(approval('', `<extensionElements>${formData}</extensionElements>`));
      const id = await h.start('approval', INPUTS);
      await refusedCompletion(h, id, { approved: true, headThreshold: 1 }, "Task 'Manager approval' may not set 'headThreshold': its form does not name it");
      await refusedCompletion(h, id, { amount: 5 }, "Task 'Manager approval' may not set 'amount': its form shows it read-only");
      await h.complete(id, 'approve', { approved: true }, manager);
      expect(h.activeElements(id)).toEqual(['head']);
    });

    it('writableVariables adds to the form, or stands alone', async () => {
      const withForm = await deployed(approval('', `<extensionElements>${formData}<camunda:properties><camunda:property name="writableVariables" value="note, priority"/></camunda:properties></extensionElements>`));
      const a = await withForm.start('approval', INPUTS);
      await withForm.complete(a, 'approve', { approved: true, note: 'ok' }, manager);
      expect(withForm.variable(a, 'note')).toBe('ok');

      const alone = await deployed(approval('', properties({ writableVariables: 'approved' })));
      const b = await alone.start('approval', INPUTS);
      await refusedCompletion(alone, b, { approved: true, note: 'x' }, "Task 'Manager approval' may not set 'note': its writableVariables does not name it");
      await alone.complete(b, 'approve', { approved: true }, manager);
      expect(alone.activeElements(b)).toEqual(['head']);
    });

    it('an empty writableVariables means the task writes nothing', async () => {
      const h = await deployed(approval('', properties({ writableVariables: '' })));
      const id = await h.start('approval', { ...INPUTS, approved: true });
      await refusedCompletion(h, id, { approved: false }, "Task 'Manager approval' may not set 'approved': its writableVariables does not name it");
      await h.complete(id, 'approve', { approved: true }, manager);
      expect(h.activeElements(id)).toEqual(['head']);
    });
  });

  describe('given no form and no list (Camunda clients complete such tasks with any variables)', () => {
    it('a user may not change an existing variable the process routes on that no user task decides', async () => {
      const h = await deployed(approval());
      const id = await h.start('approval', INPUTS);
      await refusedCompletion(h, id, { approved: true, headThreshold: 10_000_000 },
        "Task 'Manager approval' may not change 'headThreshold': the process routes on it, and the task has no form or writableVariables naming it");
    });

    it('takes new variables, the decision a user task makes, and unchanged values', async () => {
      const h = await deployed(approval());
      const id = await h.start('approval', { ...INPUTS, approved: false });
      await h.complete(id, 'approve', { approved: true, note: 'new', headThreshold: INPUTS.headThreshold, directorThreshold: 1 }, manager);
      expect(h.activeElements(id)).toEqual(['head']);
    });

    it('does not bind those who may change any instance variable anyway, nor the application', async () => {
      const asOperator = await deployed(approval());
      const a = await asOperator.start('approval', INPUTS);
      await asOperator.complete(a, 'approve', { approved: true, headThreshold: 10_000_000 }, user('ops', true));
      expect(asOperator.activeElements(a)).toEqual([]);
      const asApplication = await deployed(approval());
      const b = await asApplication.start('approval', INPUTS);
      await asApplication.complete(b, 'approve', { approved: true, headThreshold: 10_000_000 });
      expect(asApplication.activeElements(b)).toEqual([]);
    });

    it('a condition that reads variables by a run-time name protects every existing variable but the decisions', async () => {
      const h = await deployed(approval('', '', '${execution.getVariable(limitName) > 0}'));
      const id = await h.start('approval', { limitName: 'limit', limit: 1, note: 'old' });
      await expect(h.complete(id, 'approve', { approved: true, note: 'new' }, manager)).rejects.toThrow(/may not change 'note'/);
      await h.complete(id, 'approve', { approved: true, fresh: 1 }, manager);
      expect(h.activeElements(id)).toEqual(['head']);
    });

    it('resolving a delegated task and setting task variables follow the same rule', async () => {
      const h = await deployed(approval());
      const id = await h.start('approval', INPUTS);
      const task = h.task(id, 'approve');
      await expect(h.engine.setTaskVariables(task.id, typed({ headThreshold: 1 }), false, manager)).rejects.toThrow(/may not change 'headThreshold'/);
      await h.engine.delegateTask(task.id, 'assistant');
      await expect(h.engine.resolveTask(task.id, typed({ headThreshold: 1 }), user('assistant'))).rejects.toThrow(/may not change 'headThreshold'/);
      expect(h.variable(id, 'headThreshold')).toBe(INPUTS.headThreshold);
      await h.engine.resolveTask(task.id, typed({ approved: true }), user('assistant'));
    });
  });

  describe("the caller's right to the task, checked on the task the command loaded", () => {
    it('a refusal from mayWorkOn leaves the task open and writes nothing; an allowing check completes it', async () => {
      const h = await deployed(approval());
      const id = await h.start('approval', INPUTS);
      const seen: string[] = [];
      const refusing = { ...manager, mayWorkOn: (task: { id: string; candidateGroups: readonly string[] }) => {
        seen.push(task.candidateGroups.join(','));
        throw new BadUserRequestError(`not yours: ${task.id}`);
      } };
      await expect(h.complete(id, 'approve', { approved: true }, refusing)).rejects.toThrow(/^not yours: /);
      expect(seen).toEqual(['manager']);
      expect(h.activeElements(id)).toEqual(['approve']);
      expect(h.variable(id, 'approved')).toBeUndefined();
      await h.complete(id, 'approve', { approved: true }, { ...manager, mayWorkOn: () => undefined });
      expect(h.activeElements(id)).toEqual(['head']);
    });
  });

  describe('what the model routes on, computed at deployment', () => {
    it('reads conditions, assignments, loops and four-eyes variables; decisions are read right after user tasks and by conditional events', async () => {
      const h = await deployed(bpmn('routing', `
        <startEvent id="start"/>
        <userTask id="review" camunda:assignee="\${reviewer}" camunda:dueDate="\${due}">
          ${properties({ fourEyes: 'initiator, requesterId' })}
          <multiInstanceLoopCharacteristics camunda:collection="\${reviewers}" camunda:elementVariable="r"><completionCondition>\${enough}</completionCondition></multiInstanceLoopCharacteristics>
        </userTask>
        <exclusiveGateway id="ok" default="no"/>
        <exclusiveGateway id="big" default="small"/>
        <endEvent id="e1"/><endEvent id="e2"/><endEvent id="e3"/>
        <boundaryEvent id="cancelled" attachedToRef="review" cancelActivity="true"><conditionalEventDefinition><condition xsi:type="tFormalExpression">\${withdrawn}</condition></conditionalEventDefinition></boundaryEvent>
        ${flows('start', 'review', 'ok')}
        <sequenceFlow id="yes" sourceRef="ok" targetRef="big"><conditionExpression xsi:type="tFormalExpression">\${accepted}</conditionExpression></sequenceFlow>
        <sequenceFlow id="no" sourceRef="ok" targetRef="e1"/>
        <sequenceFlow id="large" sourceRef="big" targetRef="e2"><conditionExpression xsi:type="tFormalExpression">\${amount > limit}</conditionExpression></sequenceFlow>
        <sequenceFlow id="small" sourceRef="big" targetRef="e3"/>
        ${flows('cancelled', 'e1')}`));
      const { graph } = (await h.engine.definition([...h.store.definitions.values()][0]!.id));
      expect([...graph.routing.read].sort()).toEqual(['accepted', 'amount', 'due', 'enough', 'limit', 'requesterId', 'reviewer', 'reviewers', 'withdrawn']);
      expect([...graph.routing.decided].sort()).toEqual(['accepted', 'enough', 'withdrawn']);
      expect(graph.routing.dynamic).toBe(false);
    });
  });

  describe('deployment checks the task rules', () => {
    async function refused(extensions: string, element = 'userTask'): Promise<string> {
      const xml = bpmn('p', `<startEvent id="s"/><${element} id="t" ${element === 'serviceTask' ? 'camunda:type="external" camunda:topic="x"' : ''}>${extensions}</${element}><endEvent id="e"/>${flows('s', 't', 'e')}`);
      const error = await new EngineHarness().deploy(xml).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ParseError);
      return (error as ParseError).issues.map((i) => `${i.elementId}: ${i.message}`).join('\n');
    }

    it('refuses names that are no variable names, an empty fourEyes, a rule twice, and rules off user tasks', async () => {
      expect(await refused(properties({ writableVariables: 'a, ${b}' }))).toBe("t: Expected camunda:property 'writableVariables' to be a comma-separated list of variable names, but '${b}' is not one");
      expect(await refused(properties({ fourEyes: ' ' }))).toBe("t: Expected camunda:property 'fourEyes' to name 'initiator' or variables, but it is empty");
      expect(await refused(properties({ fourEyes: 'a,,b' }))).toMatch(/'' is not one/);
      expect(await refused('<extensionElements><camunda:properties><camunda:property name="fourEyes" value="a"/><camunda:property name="fourEyes" value="b"/></camunda:properties></extensionElements>'))
        .toBe("t: Expected at most one camunda:property 'fourEyes', but found 2");
      expect(await refused(properties({ fourEyes: 'initiator' }), 'serviceTask')).toBe("t: Expected the camunda:property 'fourEyes' only on user tasks, but it is on a ServiceTask");
    });
  });
});
