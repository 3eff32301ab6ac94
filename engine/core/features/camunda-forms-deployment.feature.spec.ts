import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { formSchema, reviewProcess } from '../../testing/form-fixture.js';
import { ParseError } from '../errors/index.js';

type Resources = Record<string, string>;

function deploy(h: EngineHarness, resources: Resources, options: { name?: string; changedOnly?: boolean } = {}) {
  return h.engine.deploy({
    name: options.name ?? 'forms',
    source: null,
    tenantId: null,
    enableDuplicateFiltering: options.name !== undefined,
    deployChangedOnly: options.changedOnly ?? false,
    resources: Object.entries(resources).map(([name, content]) => ({ name, content })),
  });
}

/** deploys and returns the ParseError it must fail with; nothing may be stored */
async function refused(resources: Resources): Promise<ParseError> {
  const h = new EngineHarness();
  const error = await deploy(h, resources).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParseError);
  expect(h.store.deployments.size).toBe(0);
  expect(h.store.formDefinitions.size).toBe(0);
  return error as ParseError;
}

describe('feature: Camunda Forms at deployment', () => {
  describe('given a .form resource that is not a form-js schema', () => {
    it('refuses a file that is not JSON, naming the file', async () => {
      const error = await refused({ 'approval.form': '{"id": "approval", components: []' });
      expect(error.resourceName).toBe('approval.form');
      expect(error.message).toMatch(/^ENGINE-09005 Could not parse form\. Errors: \n\* Expected a form-js schema in JSON, but the file is not JSON.* \| resource 'approval\.form'$/);
    });

    it('refuses JSON that is not an object', async () => {
      const error = await refused({ 'approval.form': '[1, 2]' });
      expect(error.issues[0]?.message).toBe('Expected a form-js schema (a JSON object), but the file holds an array');
    });

    it('refuses a schema without a string id', async () => {
      const error = await refused({ 'approval.form': JSON.stringify({ components: [] }) });
      expect(error.issues[0]?.message).toMatch(/Expected the form to have a string 'id'.*but it has none/);
      const numeric = await refused({ 'approval.form': JSON.stringify({ id: 7, components: [] }) });
      expect(numeric.issues[0]?.message).toMatch(/but it has 7$/);
    });

    it('refuses a schema without a components array', async () => {
      const error = await refused({ 'approval.form': JSON.stringify({ id: 'approval', components: 'none' }) });
      expect(error.issues[0]?.message).toBe(`Expected the form to have a 'components' array, but it has "none"`);
    });

    it('refuses two forms with the same id in one deployment', async () => {
      const error = await refused({ 'a.form': formSchema('approval'), 'b.form': formSchema('approval') });
      expect(error.resourceName).toBe('b.form');
      expect(error.issues[0]?.message).toMatch(/'approval' is also the id of 'a.form'/);
    });

    it('refuses an invalid form even when the model is fine, storing neither', async () => {
      const error = await refused({ 'p.bpmn': reviewProcess('p', 'camunda:formRef="approval"'), 'approval.form': 'not json' });
      expect(error.resourceName).toBe('approval.form');
    });
  });

  describe('given a model that links a form in its own deployment', () => {
    it('refuses camunda:formRef with binding deployment when the deployment lacks the form, naming the element', async () => {
      const error = await refused({
        'p.bpmn': reviewProcess('p', 'camunda:formRef="approval" camunda:formRefBinding="deployment"'),
        'other.form': formSchema('other'),
      });
      expect(error.resourceName).toBe('p.bpmn');
      expect(error.issues).toEqual([{ elementId: 'review', message: "Expected a form with id 'approval' in the deployment (camunda:formRef with binding deployment), but the deployment has the forms 'other' (other.form)" }]);
    });

    it('refuses a camunda-forms:deployment: form key naming a resource the deployment lacks', async () => {
      const error = await refused({ 'p.bpmn': reviewProcess('p', 'camunda:formKey="camunda-forms:deployment:approval.form"') });
      expect(error.issues).toEqual([{ elementId: 'review', message: expect.stringMatching(/^Expected the resource 'approval.form' in the deployment .* but the deployment has no form$/) }]);
    });

    it('checks start events too', async () => {
      const error = await refused({ 'p.bpmn': bpmn('p', `<startEvent id="start" camunda:formRef="request" camunda:formRefBinding="deployment"/><endEvent id="end"/>${flows('start', 'end')}`) });
      expect(error.issues[0]?.elementId).toBe('start');
    });

    it('accepts both when the form is deployed with the model', async () => {
      const h = new EngineHarness();
      await deploy(h, {
        'p.bpmn': reviewProcess('p', 'camunda:formRef="approval" camunda:formRefBinding="deployment"'),
        'q.bpmn': reviewProcess('q', 'camunda:formKey="camunda-forms:deployment:forms/approval.form"'),
        'forms/approval.form': formSchema('approval'),
      });
      expect([...h.store.formDefinitions.values()]).toEqual([expect.objectContaining({ key: 'approval', version: 1, resourceName: 'forms/approval.form' })]);
    });

    it('leaves latest and version bindings (and expressions) to run time', async () => {
      const h = new EngineHarness();
      const result = await deploy(h, {
        'p.bpmn': reviewProcess('p', 'camunda:formRef="approval" camunda:formRefBinding="version" camunda:formRefVersion="3"'),
        'q.bpmn': reviewProcess('q', 'camunda:formRef="approval"'),
        'r.bpmn': reviewProcess('r', 'camunda:formRef="${formId}" camunda:formRefBinding="deployment"'),
      });
      expect(result.definitions?.map((d) => d.key).sort()).toEqual(['p', 'q', 'r']);
    });
  });

  describe('given formRef attributes that cannot work', () => {
    it.each([
      ['camunda:formRef="a" camunda:formKey="embedded:app:a.html"', 'Expected either camunda:formKey or camunda:formRef, but both are set'],
      ['camunda:formRef="a" camunda:formRefBinding="newest"', "Expected camunda:formRefBinding to be one of latest, deployment, version, but it is 'newest'"],
      ['camunda:formRef="a" camunda:formRefBinding="version"', 'Expected camunda:formRefVersion with camunda:formRefBinding="version", but it is missing'],
      ['camunda:formRef="a" camunda:formRefBinding="version" camunda:formRefVersion="two"', "Expected camunda:formRefVersion to be a positive whole number, but it is 'two'"],
    ])('refuses %s', async (attributes, message) => {
      const error = await refused({ 'p.bpmn': reviewProcess('p', attributes) });
      expect(error.issues).toEqual([{ elementId: 'review', message }]);
    });
  });

  describe('given form versions', () => {
    it('gives each deployment of a form id the next version', async () => {
      const h = new EngineHarness();
      await deploy(h, { 'approval.form': formSchema('approval', 'v1') });
      await deploy(h, { 'renamed.form': formSchema('approval', 'v2'), 'other.form': formSchema('other') });
      const versions = [...h.store.formDefinitions.values()].map((f) => `${f.key}:${f.version}:${f.resourceName}`).sort();
      expect(versions).toEqual(['approval:1:approval.form', 'approval:2:renamed.form', 'other:1:other.form']);
    });

    it('keeps versions when duplicate filtering finds model and form unchanged', async () => {
      const h = new EngineHarness();
      const resources = { 'p.bpmn': reviewProcess('p', 'camunda:formRef="approval" camunda:formRefBinding="deployment"'), 'approval.form': formSchema('approval') };
      await deploy(h, resources, { name: 'crm', changedOnly: true });
      const again = await deploy(h, resources, { name: 'crm', changedOnly: true });
      expect(again.definitions).toBeNull();
      expect(h.store.deployments.size).toBe(1);
      expect(h.store.formDefinitions.size).toBe(1);
    });

    it('with deploy-changed-only, a changed form gives a new version to the models that take it from their deployment', async () => {
      const h = new EngineHarness();
      const model = reviewProcess('p', 'camunda:formRef="approval" camunda:formRefBinding="deployment"');
      const untouched = reviewProcess('q', 'camunda:formRef="approval"');
      await deploy(h, { 'p.bpmn': model, 'q.bpmn': untouched, 'approval.form': formSchema('approval', 'v1') }, { name: 'crm', changedOnly: true });
      const second = await deploy(h, { 'p.bpmn': model, 'q.bpmn': untouched, 'approval.form': formSchema('approval', 'v2') }, { name: 'crm', changedOnly: true });
      expect(second.definitions?.map((d) => `${d.key}:${d.version}`)).toEqual(['p:2']);
      expect([...h.store.formDefinitions.values()].map((f) => f.version).sort()).toEqual([1, 2]);
    });
  });
});
