import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { formSchema, reviewProcess } from '../../engine/testing/form-fixture.js';
import { expectErrorBody } from '../support/rest-client.js';
import { restApiForSpec } from '../support/test-app.js';

interface Task { id: string; taskDefinitionKey: string; formKey: string | null; camundaFormRef: unknown }

const labelOf = (schema: unknown) => (schema as { components: { label: string }[] }).components[0]!.label;

describe('REST: Camunda Forms', () => {
  const api = restApiForSpec();

  /** starts the latest version of the process and returns its open task */
  async function taskOf(key: string, variables: Record<string, unknown> = {}): Promise<Task> {
    const started = await api.post(`/process-definition/key/${key}/start`, { variables });
    expect(started.status).toBe(200);
    const [task] = (await api.get<Task[]>('/task', { processInstanceId: started.body.id })).body;
    return task!;
  }

  describe('deploying forms', () => {
    it('refuses a .form that is not JSON with a 400 ParseException naming the file, deploying nothing', async () => {
      const response = await api.deploy([
        { name: 'e2e-bad.bpmn', content: reviewProcess('e2e_bad_form', 'camunda:formRef="e2e-bad"') },
        { name: 'bad.form', content: '{ not json' },
      ], { 'deployment-name': 'e2e-bad-form' });
      expectErrorBody(response, 400, 'ParseException');
      expect(response.body.message).toMatch(/Could not parse form\. Errors: \n\* Expected a form-js schema in JSON, but the file is not JSON.* \| resource 'bad\.form'/);
      expect(response.body.details['bad.form'].errors[0]).toEqual(expect.objectContaining({ mainElementId: null }));
      expect((await api.get('/deployment/count', { name: 'e2e-bad-form' })).body).toEqual({ count: 0 });
      expect((await api.get('/process-definition/count', { key: 'e2e_bad_form' })).body).toEqual({ count: 0 });
    });

    it.each([
      ['no id', JSON.stringify({ components: [] }), /string 'id'/],
      ['no components', JSON.stringify({ id: 'x' }), /'components' array/],
    ])('refuses a form with %s', async (_, content, message) => {
      const response = await api.deploy([{ name: 'x.form', content }]);
      expectErrorBody(response, 400, 'ParseException');
      expect(response.body.message).toMatch(message);
    });

    it('refuses a formRef with binding deployment that the deployment lacks, naming the element', async () => {
      const response = await api.deploy([{ name: 'missing.bpmn', content: reviewProcess('e2e_missing_form', 'camunda:formRef="e2e-nowhere" camunda:formRefBinding="deployment"') }]);
      expectErrorBody(response, 400, 'ParseException');
      expect(response.body.details['missing.bpmn'].errors).toEqual([expect.objectContaining({ mainElementId: 'review', elementIds: ['review'], message: expect.stringContaining("'e2e-nowhere'") })]);
    });
  });

  describe('a task with a linked form (formRef, binding deployment)', () => {
    let task: Task;
    beforeAll(async () => {
      const deployed = await api.deploy([
        { name: 'review.bpmn', content: reviewProcess('e2e_form_review', 'camunda:formRef="e2e-review" camunda:formRefBinding="deployment"') },
        { name: 'forms/review.form', content: formSchema('e2e-review', 'Deployed with the model') },
      ]);
      expect(deployed.status).toBe(200);
      await api.deploy([{ name: 'review.form', content: formSchema('e2e-review', 'Deployed later') }]);
      task = await taskOf('e2e_form_review', { amount: { value: 1200, type: 'Long' } });
    });

    it('names the form in the task and in GET /task/{id}/form, as Camunda 7.16+', async () => {
      const ref = { key: 'e2e-review', binding: 'deployment', version: null };
      expect(task).toEqual(expect.objectContaining({ formKey: null, camundaFormRef: ref }));
      expect((await api.get(`/task/${task.id}`)).body.camundaFormRef).toEqual(ref);
      expect((await api.get(`/task/${task.id}/form`)).body).toEqual({ key: null, contextPath: null, camundaFormRef: ref });
    });

    it('serves the form deployed with the model from GET /task/{id}/deployed-form as JSON', async () => {
      const response = await api.get(`/task/${task.id}/deployed-form`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(expect.objectContaining({ id: 'e2e-review', components: expect.any(Array) }));
      expect(labelOf(response.body)).toBe('Deployed with the model');
    });

    it('takes the submitted typed values and moves the instance on', async () => {
      expect((await api.get(`/task/${task.id}/form-variables`)).body).toEqual({ amount: expect.objectContaining({ type: 'Long', value: 1200 }) });
      const submitted = await api.post(`/task/${task.id}/submit-form`, { variables: { approved: { value: true, type: 'Boolean' }, comment: { value: 'fine', type: 'String' } } });
      expect(submitted.status).toBe(204);
      const variables = (await api.get('/history/variable-instance', { processInstanceId: (await api.get(`/history/task`, { taskId: task.id })).body[0].processInstanceId })).body as { name: string; type: string; value: unknown }[];
      expect(variables.map((v) => [v.name, v.type, v.value]).sort()).toEqual([['amount', 'Long', 1200], ['approved', 'Boolean', true], ['comment', 'String', 'fine']]);
    });
  });

  describe('the other bindings and form keys', () => {
    beforeAll(async () => {
      await api.deploy([{ name: 'bindings.form', content: formSchema('e2e-bindings', 'v1') }]);
      await api.deploy([{ name: 'bindings.form', content: formSchema('e2e-bindings', 'v2') }]);
      await api.deploy([
        { name: 'latest.bpmn', content: reviewProcess('e2e_form_latest', 'camunda:formRef="e2e-bindings"') },
        { name: 'version.bpmn', content: reviewProcess('e2e_form_version', 'camunda:formRef="e2e-bindings" camunda:formRefBinding="version" camunda:formRefVersion="1"') },
        { name: 'key.bpmn', content: reviewProcess('e2e_form_key', 'camunda:formKey="camunda-forms:deployment:key.form"') },
        { name: 'app.bpmn', content: reviewProcess('e2e_form_app', 'camunda:formKey="camunda-forms:app:forms/review.form"') },
        { name: 'none.bpmn', content: reviewProcess('e2e_form_none', '') },
        { name: 'key.form', content: formSchema('e2e-key', 'by key') },
      ]);
    });

    it('binding latest serves the newest version, binding version the one named', async () => {
      expect(labelOf((await api.get(`/task/${(await taskOf('e2e_form_latest')).id}/deployed-form`)).body)).toBe('v2');
      const versioned = await taskOf('e2e_form_version');
      expect(versioned.camundaFormRef).toEqual({ key: 'e2e-bindings', binding: 'version', version: 1 });
      expect(labelOf((await api.get(`/task/${versioned.id}/deployed-form`)).body)).toBe('v1');
    });

    it('a camunda-forms:deployment: key serves the resource of the model’s deployment', async () => {
      const task = await taskOf('e2e_form_key');
      expect((await api.get(`/task/${task.id}/form`)).body).toEqual({ key: 'camunda-forms:deployment:key.form', contextPath: null, camundaFormRef: null });
      expect(labelOf((await api.get(`/task/${task.id}/deployed-form`)).body)).toBe('by key');
    });

    it('answers 400 for a key that names no deployed form, 404 for a task without form or an unknown task', async () => {
      const app = await api.get(`/task/${(await taskOf('e2e_form_app')).id}/deployed-form`);
      expectErrorBody(app, 400, 'BadUserRequestException');
      expect(app.body.message).toMatch(/'camunda-forms:app:forms\/review.form' .* does not reference a deployed form/);
      expectErrorBody(await api.get(`/task/${(await taskOf('e2e_form_none')).id}/deployed-form`), 404, 'InvalidRequestException');
      expectErrorBody(await api.get('/task/no-such-task/deployed-form'), 404);
      expectErrorBody(await api.get('/task/no-such-task/form'), 404);
    });
  });

  describe('start forms', () => {
    let definitionId = '';
    beforeAll(async () => {
      const deployed = await api.deploy([
        { name: 'start.bpmn', content: bpmn('e2e_start_form', `<startEvent id="start" camunda:formRef="e2e-request" camunda:formRefBinding="deployment"/><endEvent id="end"/>${flows('start', 'end')}`) },
        { name: 'request.form', content: formSchema('e2e-request', 'Request') },
      ]);
      definitionId = Object.keys(deployed.body.deployedProcessDefinitions)[0]!;
    });

    it('GET /process-definition/{id}/startForm and key/{key}/startForm name the form', async () => {
      const expected = { key: null, contextPath: null, camundaFormRef: { key: 'e2e-request', binding: 'deployment', version: null } };
      expect((await api.get(`/process-definition/${definitionId}/startForm`)).body).toEqual(expected);
      expect((await api.get('/process-definition/key/e2e_start_form/startForm')).body).toEqual(expected);
    });

    it('deployed-start-form serves it by id and by key; 404 without a start form or definition', async () => {
      expect(labelOf((await api.get(`/process-definition/${definitionId}/deployed-start-form`)).body)).toBe('Request');
      expect(labelOf((await api.get('/process-definition/key/e2e_start_form/deployed-start-form')).body)).toBe('Request');
      expectErrorBody(await api.get('/process-definition/key/e2e_form_none/deployed-start-form'), 404);
      expectErrorBody(await api.get('/process-definition/key/e2e_no_such/deployed-start-form'), 404);
      expectErrorBody(await api.get('/process-definition/no-such-id/startForm'), 404);
    });
  });
});
