import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { formSchema, reviewProcess } from '../../engine/testing/form-fixture.js';
import { CamundaModeler, type ModelerDeployed, type Outcome } from '../support/camunda-modeler.js';
import { CrmClient } from '../support/crm-client.js';
import { RestClient } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** a diagram as the Modeler saves it; `label` makes a changed model */
const orderDiagram = (key: string, label: string) => bpmn(key, `
    <startEvent id="StartEvent_1"/>
    <userTask id="Activity_check" name="${label}"/>
    <endEvent id="EndEvent_1"/>
    ${flows('StartEvent_1', 'Activity_check', 'EndEvent_1')}`);

function deployed(outcome: Outcome<ModelerDeployed>): ModelerDeployed {
  if (!outcome.ok) throw new Error(`Expected the deployment to succeed, but it answered ${outcome.error.status}: ${outcome.error.problems}`);
  return outcome.value;
}

/**
 * The Camunda Modeler's deploy button against the service: the requests are those of its Camunda 7
 * plugin (test/support/camunda-modeler.ts), the checks are on what it reads back and on what the
 * deployment left in the engine.
 */
describe('the Camunda Modeler deploys to the service', () => {
  let app: TestApp;
  let api: RestClient;
  let basic: CamundaModeler;
  let bearer: CamundaModeler;
  let workerKey: string;

  beforeAll(async () => {
    app = await startTestApp();
    api = new RestClient(app.rest, app.adminAuth);
    const admin = new CrmClient(app.url, app.adminAuth);
    const deployerKey = (await admin.ok<{ key: string }>('POST', '/api/api-keys', { name: 'modeler', roles: ['analyst'] })).key;
    workerKey = (await admin.ok<{ key: string }>('POST', '/api/api-keys', { name: 'worker', roles: ['worker'] })).key;
    // the Modeler's endpoint field takes the REST base, or the full deployment URL
    basic = new CamundaModeler(`${app.rest}/deployment/create`, { username: app.admin.email, password: app.admin.password });
    bearer = new CamundaModeler(app.rest, { token: deployerKey });
  });
  afterAll(() => app?.close());

  describe('the connection check of the deploy overlay', () => {
    it('passes with HTTP Basic and with a Bearer API key, and GET /version answers a version', async () => {
      expect(await basic.checkConnection()).toEqual({ ok: true, value: undefined });
      expect(await bearer.checkConnection()).toEqual({ ok: true, value: undefined });
      expect(await bearer.getVersion()).toEqual({ ok: true, value: expect.stringMatching(/^7\.\d+\.\d+$/) });
    });

    it('says "credentials do not match" (401) for a wrong password or an unknown key', async () => {
      const wrongPassword = new CamundaModeler(app.rest, { username: app.admin.email, password: 'not-the-password' });
      const unknownKey = new CamundaModeler(app.rest, { token: 'crmk_nope_nope' });
      expect(await wrongPassword.checkConnection()).toMatchObject({ ok: false, error: { status: 401, code: 'UNAUTHORIZED' } });
      expect(await unknownKey.checkConnection()).toMatchObject({ ok: false, error: { status: 401, code: 'UNAUTHORIZED' } });
    });
  });

  describe('a first deployment (HTTP Basic)', () => {
    let result: ModelerDeployed;

    beforeAll(async () => {
      result = deployed(await basic.deployDiagram({ name: 'modeler_order.bpmn', contents: orderDiagram('modeler_order', 'Check order') }, { name: 'modeler_order' }));
    });

    it('answers the id and the deployed definition the Modeler remembers for the diagram', () => {
      expect(result.id).toEqual(expect.any(String));
      expect(Object.keys(result.deployedProcessDefinitions ?? {})).toEqual([result.deployedProcessDefinition?.id]);
      expect(result.deployedProcessDefinition).toMatchObject({ key: 'modeler_order', version: 1, tenantId: null });
    });

    it('stores the deployment with source "Camunda Modeler", its name and no tenant', async () => {
      const stored = await api.get(`/deployment/${result.id}`);
      expect(stored.body).toMatchObject({ id: result.id, name: 'modeler_order', source: 'Camunda Modeler', tenantId: null });
      expect((await api.get('/deployment', { source: 'Camunda Modeler', name: 'modeler_order' })).body).toHaveLength(1);
      const resources = await api.get(`/deployment/${result.id}/resources`);
      expect(resources.body.map((r: { name: string }) => r.name)).toEqual(['modeler_order.bpmn']);
    });

    it('starts an instance of the deployed definition, as the Modeler\'s start button does', async () => {
      const started = await basic.startInstance(result.deployedProcessDefinition!, { businessKey: 'modeler-order-1', variables: { amount: { value: 120, type: 'Integer' } } });
      expect(started).toMatchObject({ ok: true, value: { definitionId: result.deployedProcessDefinition!.id, businessKey: 'modeler-order-1', ended: false } });
      const withoutOptions = await basic.startInstance(result.deployedProcessDefinition!, {});
      expect(withoutOptions).toMatchObject({ ok: true, value: { businessKey: null } });
    });
  });

  describe.each([
    ['the Modeler 5 (enable-duplicate-filtering=true)', 'current', 'modeler_dedup'],
    ['earlier Modelers (deploy-changed-only=true)', 'legacy', 'modeler_changed_only'],
  ] as const)('redeploying with %s', (_what, flavour, key) => {
    it('makes no new deployment or version for an unchanged diagram, and a new version for a changed one', async () => {
      const modeler = new CamundaModeler(app.rest, { token: (await new CrmClient(app.url, app.adminAuth).ok<{ key: string }>('POST', '/api/api-keys', { name: `modeler ${flavour}`, roles: ['analyst'] })).key }, flavour);
      const diagram = { name: `${key}.bpmn`, contents: orderDiagram(key, 'Check order') };
      const first = deployed(await modeler.deployDiagram(diagram, { name: key }));
      expect(first.deployedProcessDefinition).toMatchObject({ key, version: 1 });

      const again = deployed(await modeler.deployDiagram(diagram, { name: key }));
      expect(again).toEqual({ id: first.id, deployedProcessDefinitions: null, deployedProcessDefinition: undefined });
      expect((await api.get('/process-definition/count', { key })).body).toEqual({ count: 1 });
      expect((await api.get('/deployment/count', { name: key })).body).toEqual({ count: 1 });

      const changed = deployed(await modeler.deployDiagram({ ...diagram, contents: orderDiagram(key, 'Check order and credit') }, { name: key }));
      expect(changed.id).not.toBe(first.id);
      expect(changed.deployedProcessDefinition).toMatchObject({ key, version: 2 });
      expect((await api.get(`/process-definition/key/${key}`)).body).toMatchObject({ id: changed.deployedProcessDefinition!.id, version: 2 });
    });
  });

  describe('with a tenant id (Bearer API key)', () => {
    const key = 'modeler_tenanted';
    const diagram = { name: `${key}.bpmn`, contents: orderDiagram(key, 'Check order') };
    let acme: ModelerDeployed;
    let shared: ModelerDeployed;

    beforeAll(async () => {
      acme = deployed(await bearer.deployDiagram(diagram, { name: key, tenantId: 'acme' }));
      shared = deployed(await bearer.deployDiagram(diagram, { name: key }));
    });

    it('stores the tenant on the deployment and the definition, numbering versions per tenant', async () => {
      expect(acme.deployedProcessDefinition).toMatchObject({ key, version: 1, tenantId: 'acme' });
      expect(shared.deployedProcessDefinition).toMatchObject({ key, version: 1, tenantId: null });
      expect((await api.get(`/deployment/${acme.id}`)).body).toMatchObject({ source: 'Camunda Modeler', tenantId: 'acme' });
      expect((await api.get('/deployment', { tenantIdIn: 'acme' })).body.map((d: { id: string }) => d.id)).toEqual([acme.id]);
    });

    it('scopes definition queries: tenantIdIn, withoutTenantId, and the key alone names the definition without a tenant', async () => {
      const ids = async (query: Record<string, string>) => (await api.get('/process-definition', { key, ...query })).body.map((d: { id: string }) => d.id);
      expect(await ids({ tenantIdIn: 'acme' })).toEqual([acme.deployedProcessDefinition!.id]);
      expect(await ids({ tenantIdIn: 'other' })).toEqual([]);
      expect(await ids({ withoutTenantId: 'true' })).toEqual([shared.deployedProcessDefinition!.id]);
      expect((await api.get(`/process-definition/key/${key}`)).body).toMatchObject({ id: shared.deployedProcessDefinition!.id, tenantId: null });
      expect((await api.get(`/process-definition/key/${key}/tenant-id/acme`)).body).toMatchObject({ id: acme.deployedProcessDefinition!.id, tenantId: 'acme' });
      expect((await api.get(`/process-definition/key/${key}/tenant-id/acme/xml`)).body).toEqual({ id: acme.deployedProcessDefinition!.id, bpmn20Xml: diagram.contents });
      const unknown = await api.get(`/process-definition/key/${key}/tenant-id/other`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe(`No matching process definition with key '${key}' and tenant-id 'other'`);
    });

    it('starts by key with and without the tenant: POST /process-definition/key/{key}/tenant-id/{tenantId}/start', async () => {
      const forAcme = await api.post(`/process-definition/key/${key}/tenant-id/acme/start`, { businessKey: 'acme-1' });
      expect(forAcme.status).toBe(200);
      expect(forAcme.body).toMatchObject({ definitionId: acme.deployedProcessDefinition!.id, tenantId: 'acme', businessKey: 'acme-1' });
      const withoutTenant = await api.post(`/process-definition/key/${key}/start`, {});
      expect(withoutTenant.body).toMatchObject({ definitionId: shared.deployedProcessDefinition!.id, tenantId: null });
      expect((await api.post(`/process-definition/key/${key}/tenant-id/other/start`, {})).status).toBe(404);
      // the tenant routes take the same rules as the others: without credentials nothing is read or started
      const anonymous = new RestClient(app.rest);
      expect((await anonymous.post(`/process-definition/key/${key}/tenant-id/acme/start`, {})).status).toBe(401);
      expect((await anonymous.get(`/process-definition/key/${key}/tenant-id/acme`)).status).toBe(401);
      expect((await anonymous.get(`/process-definition/key/${key}/tenant-id/acme/xml`)).status).toBe(401);
      expect((await api.get('/process-instance', { tenantIdIn: 'acme' })).body.map((i: { id: string }) => i.id)).toEqual([forAcme.body.id]);
    });

    it('filters duplicates per tenant: the same diagram for another tenant is a new deployment', async () => {
      expect(deployed(await bearer.deployDiagram(diagram, { name: key, tenantId: 'acme' })).id).toBe(acme.id);
      const other = deployed(await bearer.deployDiagram(diagram, { name: key, tenantId: 'globex' }));
      expect(other.id).not.toBe(acme.id);
      expect(other.deployedProcessDefinition).toMatchObject({ key, version: 1, tenantId: 'globex' });
    });
  });

  describe('with an attached form', () => {
    const key = 'modeler_review';
    const diagram = { name: `${key}.bpmn`, contents: reviewProcess(key, 'camunda:formRef="modeler-review" camunda:formRefBinding="deployment"') };

    it('deploys the form with the diagram, the task gets it, and a changed form alone makes a new deployment', async () => {
      const first = deployed(await basic.deployDiagram(diagram, { name: key, attachments: [{ name: 'review.form', contents: formSchema('modeler-review', 'v1') }] }));
      expect(first.deployedProcessDefinition).toMatchObject({ key, version: 1 });
      expect((await api.get(`/deployment/${first.id}/resources`)).body.map((r: { name: string }) => r.name).sort()).toEqual([`${key}.bpmn`, 'review.form']);

      const started = await basic.startInstance(first.deployedProcessDefinition!, {});
      expect(started.ok).toBe(true);
      const [task] = (await api.get('/task', { processInstanceId: (started as { value: { id: string } }).value.id })).body;
      expect((await api.get(`/task/${task.id}/deployed-form`)).body).toMatchObject({ id: 'modeler-review', components: expect.arrayContaining([expect.objectContaining({ label: 'v1' })]) });

      const unchanged = deployed(await basic.deployDiagram(diagram, { name: key, attachments: [{ name: 'review.form', contents: formSchema('modeler-review', 'v1') }] }));
      expect(unchanged.id).toBe(first.id);

      const newForm = deployed(await basic.deployDiagram(diagram, { name: key, attachments: [{ name: 'review.form', contents: formSchema('modeler-review', 'v2') }] }));
      expect(newForm.id).not.toBe(first.id);
      expect(newForm.deployedProcessDefinition).toMatchObject({ key, version: 2 });
    });
  });

  it('deploys a form from its own tab: a deployment without a process definition to start', async () => {
    const result = deployed(await basic.deployDiagram({ name: 'modeler-intake.form', contents: formSchema('modeler-intake') }, { name: 'modeler-intake' }));
    expect(result).toEqual({ id: expect.any(String), deployedProcessDefinitions: null, deployedProcessDefinition: undefined });
    expect((await api.get(`/deployment/${result.id}/resources`)).body.map((r: { name: string }) => r.name)).toEqual(['modeler-intake.form']);
  });

  describe('a refused deployment', () => {
    it('gives a diagram the engine cannot run a 400 ParseException the Modeler shows as a parse error, naming the element', async () => {
      const broken = bpmn('modeler_broken', `<startEvent id="StartEvent_1"/><sequenceFlow id="Flow_dangling" sourceRef="StartEvent_1" targetRef="Activity_missing"/>`);
      const outcome = await basic.deployDiagram({ name: 'modeler_broken.bpmn', contents: broken }, { name: 'modeler_broken' });
      expect(outcome.ok).toBe(false);
      const { error } = outcome as Extract<typeof outcome, { ok: false }>;
      expect(error).toMatchObject({ status: 400, code: 'DIAGRAM_PARSE_ERROR', body: { type: 'ParseException' } });
      expect(error.problems).toMatch(/^ENGINE-09005 Could not parse BPMN process\. Errors: \n\* element '(Flow_dangling|Activity_missing)'.* \| resource 'modeler_broken\.bpmn'/);
      const details = error.body.details['modeler_broken.bpmn'];
      expect(details).toEqual({ errors: [expect.objectContaining({ message: expect.stringMatching(/^Expected/), mainElementId: expect.stringMatching(/Flow_dangling|Activity_missing/) })], warnings: [] });
      expect((await api.get('/deployment/count', { name: 'modeler_broken' })).body).toEqual({ count: 0 });
      expect((await api.get('/process-definition/count', { key: 'modeler_broken' })).body).toEqual({ count: 0 });
    });

    it('refuses a CMMN diagram (its own tab, or attached) with a 400 naming the file, instead of storing what nothing runs', async () => {
      const cmmn = '<?xml version="1.0" encoding="UTF-8"?><cmmn:definitions xmlns:cmmn="http://www.omg.org/spec/CMMN/20151109/MODEL" id="Definitions_1" targetNamespace="http://bpmn.io/schema/cmmn"><cmmn:case id="Case_1"/></cmmn:definitions>';
      const alone = await basic.deployDiagram({ name: 'modeler_case.cmmn', contents: cmmn }, { name: 'modeler_case' });
      expect(alone).toMatchObject({ ok: false, error: { status: 400, body: { type: 'ParseException' } } });
      expect((alone as { error: { problems: string } }).error.problems).toContain("'modeler_case.cmmn' is a CMMN case model, which this engine does not run");
      const attached = await basic.deployDiagram({ name: 'modeler_with_cmmn.bpmn', contents: orderDiagram('modeler_with_cmmn', 'Check') }, { name: 'modeler_with_cmmn', attachments: [{ name: 'case.cmmn', contents: cmmn }] });
      expect(attached).toMatchObject({ ok: false, error: { status: 400 } });
      expect((await api.get('/deployment/count', { name: 'modeler_with_cmmn' })).body).toEqual({ count: 0 });
      expect((await api.get('/deployment/count', { name: 'modeler_case' })).body).toEqual({ count: 0 });
    });

    it('tells a key without the deploy right "not permitted to deploy" (403), and one without credentials 401', async () => {
      const worker = new CamundaModeler(app.rest, { token: workerKey });
      const diagram = { name: 'modeler_refused.bpmn', contents: orderDiagram('modeler_refused', 'Check') };
      expect(await worker.deployDiagram(diagram, { name: 'modeler_refused' })).toMatchObject({ ok: false, error: { status: 403, code: 'FORBIDDEN' } });
      const anonymous = await fetch(`${app.rest}/deployment?maxResults=0`, { headers: { accept: 'application/json' } });
      expect(anonymous.status).toBe(401);
      expect((await api.get('/process-definition/count', { key: 'modeler_refused' })).body).toEqual({ count: 0 });
    });
  });
});
