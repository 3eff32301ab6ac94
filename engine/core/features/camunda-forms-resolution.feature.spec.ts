import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { formSchema, reviewProcess } from '../../testing/form-fixture.js';
import { BadUserRequestError, ExecutionError, NotFoundError } from '../errors/index.js';

async function deploy(h: EngineHarness, resources: Record<string, string>): Promise<string> {
  const result = await h.engine.deploy({
    name: 'forms', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false,
    resources: Object.entries(resources).map(([name, content]) => ({ name, content })),
  });
  return result.deployment.id;
}

/** the label of the approval checkbox of the form a task gets: tells form versions apart */
async function formLabelOfTask(h: EngineHarness, instanceId: string): Promise<string> {
  const form = await h.engine.forms.ofTask(h.task(instanceId, 'review').id);
  return (JSON.parse(form.content) as { components: { label: string }[] }).components[0]!.label;
}

describe('feature: Camunda Forms at run time', () => {
  let h: EngineHarness;
  beforeEach(() => {
    h = new EngineHarness();
  });

  describe('given camunda:formRef', () => {
    it('records the evaluated reference on the task, binding latest by default', async () => {
      await deploy(h, { 'p.bpmn': reviewProcess('p', 'camunda:formRef="${formPrefix}-approval"') });
      const instance = await h.start('p', { formPrefix: 'deal' });
      expect(h.task(instance, 'review')).toEqual(expect.objectContaining({ formKey: null, formRef: { key: 'deal-approval', binding: 'latest', version: null } }));
    });

    it('binding latest: the newest version of the form, deployed with the model or later on its own', async () => {
      await deploy(h, { 'p.bpmn': reviewProcess('p', 'camunda:formRef="approval"'), 'approval.form': formSchema('approval', 'v1') });
      const instance = await h.start('p');
      expect(await formLabelOfTask(h, instance)).toBe('v1');
      await deploy(h, { 'approval.form': formSchema('approval', 'v2') });
      expect(await formLabelOfTask(h, instance)).toBe('v2');
    });

    it('binding deployment: the form deployed with the model, whatever came later', async () => {
      await deploy(h, { 'p.bpmn': reviewProcess('p', 'camunda:formRef="approval" camunda:formRefBinding="deployment"'), 'forms/approval.form': formSchema('approval', 'v1') });
      await deploy(h, { 'approval.form': formSchema('approval', 'v2') });
      const instance = await h.start('p');
      const form = await h.engine.forms.ofTask(h.task(instance, 'review').id);
      expect(form.resourceName).toBe('forms/approval.form');
      expect(await formLabelOfTask(h, instance)).toBe('v1');
    });

    it('binding version: that version, an expression evaluated when the task is created', async () => {
      await deploy(h, { 'approval.form': formSchema('approval', 'v1') });
      await deploy(h, { 'approval.form': formSchema('approval', 'v2') });
      await deploy(h, { 'p.bpmn': reviewProcess('p', 'camunda:formRef="approval" camunda:formRefBinding="version" camunda:formRefVersion="${formVersion}"') });
      const instance = await h.start('p', { formVersion: 1 });
      expect(h.task(instance, 'review').formRef).toEqual({ key: 'approval', binding: 'version', version: 1 });
      expect(await formLabelOfTask(h, instance)).toBe('v1');
    });

    it('a version or key that was never deployed is not found', async () => {
      await deploy(h, { 'approval.form': formSchema('approval') });
      await deploy(h, {
        'p.bpmn': reviewProcess('p', 'camunda:formRef="approval" camunda:formRefBinding="version" camunda:formRefVersion="3"'),
        'q.bpmn': reviewProcess('q', 'camunda:formRef="nowhere"'),
      });
      const [p, q] = [await h.start('p'), await h.start('q')];
      await expect(h.engine.forms.ofTask(h.task(p, 'review').id)).rejects.toThrow(new NotFoundError("No Camunda Form Definition was found for Camunda Form Ref: key 'approval', binding 'version', version 3"));
      await expect(h.engine.forms.ofTask(h.task(q, 'review').id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('a formRefVersion expression that is no whole number fails the command that creates the task', async () => {
      await deploy(h, { 'p.bpmn': reviewProcess('p', 'camunda:formRef="approval" camunda:formRefBinding="version" camunda:formRefVersion="${formVersion}"') });
      await expect(h.start('p', { formVersion: 'latest' })).rejects.toBeInstanceOf(ExecutionError);
    });
  });

  describe('given camunda:formKey', () => {
    it('camunda-forms:deployment:<name> is the resource of the model’s deployment', async () => {
      await deploy(h, { 'p.bpmn': reviewProcess('p', 'camunda:formKey="camunda-forms:deployment:approval.form"'), 'approval.form': formSchema('approval', 'v1') });
      const instance = await h.start('p');
      expect(h.task(instance, 'review')).toEqual(expect.objectContaining({ formKey: 'camunda-forms:deployment:approval.form', formRef: null }));
      expect(await formLabelOfTask(h, instance)).toBe('v1');
    });

    it('camunda-forms:app: and plain keys are no deployed forms', async () => {
      await deploy(h, { 'p.bpmn': reviewProcess('p', 'camunda:formKey="camunda-forms:app:forms/approval.form"') });
      const instance = await h.start('p');
      await expect(h.engine.forms.ofTask(h.task(instance, 'review').id)).rejects.toThrow(BadUserRequestError);
    });

    it('a task without a form, or an unknown task, has no deployed form', async () => {
      await deploy(h, { 'p.bpmn': reviewProcess('p', '') });
      const instance = await h.start('p');
      await expect(h.engine.forms.ofTask(h.task(instance, 'review').id)).rejects.toThrow(/neither camunda:formKey nor camunda:formRef/);
      await expect(h.engine.forms.ofTask('no-such-task')).rejects.toThrow(new NotFoundError('No matching task with id no-such-task'));
    });
  });

  describe('given a start form', () => {
    it('resolves the start event’s formRef and form key without an instance', async () => {
      await deploy(h, {
        'p.bpmn': bpmn('p', `<startEvent id="start" camunda:formRef="request" camunda:formRefBinding="deployment"/><endEvent id="end"/>${flows('start', 'end')}`),
        'request.form': formSchema('request', 'Request'),
      });
      const { reference, definition } = await h.engine.forms.startForm({ by: 'latest', key: 'p' });
      expect(reference).toEqual({ formKey: null, formRef: { key: 'request', binding: 'deployment', version: null } });
      expect(definition.hasStartForm).toBe(true);
      const form = await h.engine.forms.ofStartEvent({ by: 'id', id: definition.id });
      expect(JSON.parse(form.content)).toEqual(expect.objectContaining({ id: 'request' }));
    });

    it('a process without a start form has none, and an unknown one is not found', async () => {
      await deploy(h, { 'p.bpmn': reviewProcess('p', '') });
      expect((await h.engine.forms.startForm({ by: 'latest', key: 'p' })).reference).toEqual({ formKey: null, formRef: null });
      await expect(h.engine.forms.ofStartEvent({ by: 'latest', key: 'p' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(h.engine.forms.startForm({ by: 'latest', key: 'missing' })).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
