import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { RestClient, expectErrorBody } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const INVALID = join(process.cwd(), '..', 'shared', 'conformance', 'scenarios', 'models', 'invalid');
const MAX_BYTES = 20_000;

const versioned = (label: string) => bpmn('e2e_versioned', `
    <startEvent id="start"/>
    <userTask id="work" name="${label}"/>
    <endEvent id="end"/>
    ${flows('start', 'work', 'end')}`);

const refused: [string, string, string][] = [
  ['malformed XML', 'malformed.bpmn', readInvalid('malformed.bpmn', `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="crm_malformed" isExecutable="true"><startEvent id="start"></process>`)],
  ['a DOCTYPE with an external entity (XXE)', 'xxe.bpmn', readInvalid('xxe.bpmn', `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY h SYSTEM "file:///etc/hostname">]><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="crm_xxe_probe" name="&h;" isExecutable="true"/></definitions>`)],
  ['a flow to a missing element', 'dangling.bpmn', bpmn('crm_dangling_flow', `<startEvent id="start"/><sequenceFlow id="toNowhere" sourceRef="start" targetRef="noSuchTask"/>`)],
  ['an unsupported element', 'implicit.bpmn', bpmn('e2e_implicit', `<startEvent id="start"/><implicitThrowEvent id="mixer"/><endEvent id="end"/>${flows('start', 'mixer', 'end')}`)],
  ['a javascript script task', 'script.bpmn', bpmn('e2e_script', `<startEvent id="start"/><scriptTask id="computeDiscount" scriptFormat="javascript"><script>1 + 1</script></scriptTask><endEvent id="end"/>${flows('start', 'computeDiscount', 'end')}`)],
];
const large = bpmn('e2e_large', `<documentation>${'x'.repeat(MAX_BYTES)}</documentation><startEvent id="start"/><endEvent id="end"/>${flows('start', 'end')}`);

function readInvalid(name: string, fallback: string): string {
  const path = join(INVALID, name);
  return existsSync(path) ? readFileSync(path, 'utf8') : fallback;
}

describe('REST: deployments', () => {
  let app: TestApp;
  let api: RestClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { DEPLOYMENT_MAX_BYTES: String(MAX_BYTES) } });
    api = new RestClient(app.rest, app.adminAuth);
  });
  afterAll(() => app.close());

  it('deploys a multipart upload, numbering versions per process key', async () => {
    const first = await api.deploy([{ name: 'versioned.bpmn', content: versioned('v1') }], { 'deployment-name': 'versions' });
    expect(first.status).toBe(200);
    const [firstId] = Object.keys(first.body.deployedProcessDefinitions);
    expect(first.body).toMatchObject({ id: expect.any(String), name: 'versions', source: 'e2e-spec', deploymentTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/) });
    expect(first.body.deployedProcessDefinitions[firstId!]).toMatchObject({ id: firstId, key: 'e2e_versioned', version: 1, deploymentId: first.body.id, resource: 'versioned.bpmn' });

    const second = await api.deploy([{ name: 'versioned.bpmn', content: versioned('v1') }], { 'deployment-name': 'versions' });
    expect(second.status).toBe(200);
    const [secondDefinition] = Object.values(second.body.deployedProcessDefinitions) as { id: string; version: number }[];
    expect(second.body.id).not.toBe(first.body.id);
    expect(secondDefinition).toMatchObject({ key: 'e2e_versioned', version: 2 });
    expect(secondDefinition!.id).not.toBe(firstId);

    const latest = await api.get('/process-definition/key/e2e_versioned');
    expect(latest.body).toMatchObject({ id: secondDefinition!.id, version: 2 });
    expect((await api.get('/process-definition/count', { key: 'e2e_versioned' })).body).toEqual({ count: 2 });
    expect((await api.get('/process-definition', { key: 'e2e_versioned', sortBy: 'version', sortOrder: 'asc' })).body.map((d: { version: number }) => d.version)).toEqual([1, 2]);
  });

  it('with enable-duplicate-filtering=true, redeploying an unchanged model makes no new version, a changed one does', async () => {
    const fields = { 'deployment-name': 'filtered', 'enable-duplicate-filtering': 'true' };
    const first = await api.deploy([{ name: 'filtered.bpmn', content: versioned('filtered') }], fields);
    expect(first.status).toBe(200);
    const version = (Object.values(first.body.deployedProcessDefinitions)[0] as { version: number }).version;
    const countBefore = (await api.get('/deployment/count')).body.count;

    const unchanged = await api.deploy([{ name: 'filtered.bpmn', content: versioned('filtered') }], fields);
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({ id: first.body.id, deployedProcessDefinitions: null });
    expect((await api.get('/deployment/count')).body).toEqual({ count: countBefore });
    expect((await api.get('/process-definition/key/e2e_versioned')).body.version).toBe(version);

    const changed = await api.deploy([{ name: 'filtered.bpmn', content: versioned('filtered, changed') }], fields);
    expect(changed.status).toBe(200);
    expect(Object.values(changed.body.deployedProcessDefinitions)).toEqual([expect.objectContaining({ key: 'e2e_versioned', version: version + 1 })]);
    expect((await api.get('/deployment/count')).body).toEqual({ count: countBefore + 1 });
  });

  it('serves the deployment, its resources and the definition XML', async () => {
    const xml = versioned('resources');
    const deployed = await api.deploy([{ name: 'resources.bpmn', content: xml }], { 'deployment-name': 'resources' });
    const id: string = deployed.body.id;
    expect((await api.get(`/deployment/${id}`)).body).toMatchObject({ id, name: 'resources' });
    const resources = await api.get(`/deployment/${id}/resources`);
    expect(resources.body).toEqual([{ id: expect.any(String), name: 'resources.bpmn', deploymentId: id }]);
    const data = await api.get(`/deployment/${id}/resources/${resources.body[0].id}/data`);
    expect(data).toMatchObject({ status: 200, text: xml });
    const definitionId = Object.keys(deployed.body.deployedProcessDefinitions)[0]!;
    expect((await api.get(`/process-definition/${definitionId}/xml`)).body).toEqual({ id: definitionId, bpmn20Xml: xml });
    expectErrorBody(await api.get('/deployment/no-such-deployment'), 404);
    expectErrorBody(await api.get(`/deployment/${id}/resources/no-such-resource/data`), 404);
  });

  it('refuses an upload without resources with 400', async () => {
    const form = new FormData();
    form.set('deployment-name', 'empty');
    const response = await fetch(`${app.rest}/deployment/create`, { method: 'POST', body: form, headers: app.adminAuth });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ type: 'InvalidRequestException', message: expect.stringContaining('No deployment resources'), code: 0, errorCode: 'ENGINE_INVALID_REQUEST' });
  });

  describe.each(refused)('refuses %s', (_what, fileName, content) => {
    it('with 400 ParseException and stores nothing', async () => {
      const deploymentsBefore = (await api.get('/deployment/count')).body.count;
      const definitionsBefore = (await api.get('/process-definition/count')).body.count;
      const response = await api.deploy([{ name: fileName, content }], { 'deployment-name': `refused-${fileName}` });
      expectErrorBody(response, 400, 'ParseException');
      expect(response.body.message).toContain(fileName);
      expect((await api.get('/deployment/count')).body).toEqual({ count: deploymentsBefore });
      expect((await api.get('/process-definition/count')).body).toEqual({ count: definitionsBefore });
      expect((await api.get('/deployment', { name: `refused-${fileName}` })).body).toEqual([]);
    });
  });

  it('refuses a file over DEPLOYMENT_MAX_BYTES with 413 while it is uploaded, and stores nothing', async () => {
    const deploymentsBefore = (await api.get('/deployment/count')).body.count;
    const response = await api.deploy([{ name: 'large.bpmn', content: large }], { 'deployment-name': 'refused-large' });
    expectErrorBody(response, 413, 'InvalidRequestException');
    expect(response.body.message).toContain('DEPLOYMENT_MAX_BYTES');
    expect((await api.get('/deployment/count')).body).toEqual({ count: deploymentsBefore });
  });

  it('names the offending element of a refused model', async () => {
    const messageOf = async (index: number) => (await api.deploy([{ name: refused[index]![1], content: refused[index]![2] }])).body.message as string;
    expect(await messageOf(2)).toMatch(/noSuchTask|toNowhere/);
    expect(await messageOf(3)).toContain("'mixer'");
    expect(await messageOf(4)).toContain("'computeDiscount'");
    expect(await messageOf(4)).toContain('javascript');
    expect(await messageOf(1)).toMatch(/DOCTYPE/);
  });

  it('never leaks the content of an external entity', async () => {
    const response = await api.deploy([{ name: 'xxe.bpmn', content: refused[1]![2] }]);
    expect(response.status).toBe(400);
    const hostname = existsSync('/etc/hostname') ? readFileSync('/etc/hostname', 'utf8').trim() : '';
    if (hostname.length >= 4) expect(response.text).not.toContain(hostname);
    expect((await api.get('/process-definition/count', { key: 'crm_xxe_probe' })).body).toEqual({ count: 0 });
  });

  it('refuses a whole deployment when one of its files is bad', async () => {
    const response = await api.deploy([
      { name: 'good.bpmn', content: bpmn('e2e_good_in_bad', `<startEvent id="s"/><endEvent id="e"/>${flows('s', 'e')}`) },
      { name: 'dangling.bpmn', content: refused[2]![2] },
    ]);
    expectErrorBody(response, 400, 'ParseException');
    expect((await api.get('/process-definition/count', { key: 'e2e_good_in_bad' })).body).toEqual({ count: 0 });
  });
});
