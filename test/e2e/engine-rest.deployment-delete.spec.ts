import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../support/crm-client.js';
import { RestClient, expectErrorBody } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const model = (key: string) => bpmn(key, `<startEvent id="s"/><userTask id="review"/><endEvent id="e"/>${flows('s', 'review', 'e')}`);

// DELETE /engine-rest/deployment/{id}, on the SQL store: Camunda's cascade, our 409 instead of its 500
describe('REST: DELETE /deployment/{id}', () => {
  let app: TestApp;
  let api: RestClient;
  let analyst: RestClient;

  const deploy = async (client: RestClient, key: string): Promise<string> => {
    const deployed = await client.deploy([{ name: `${key}.bpmn`, content: model(key) }]);
    expect(deployed.status).toBe(200);
    return deployed.body.id;
  };
  const start = async (key: string): Promise<string> => {
    const started = await api.post(`/process-definition/key/${key}/start`, {});
    expect(started.status).toBe(200);
    return started.body.id;
  };

  beforeAll(async () => {
    app = await startTestApp();
    api = new RestClient(app.rest, app.adminAuth);
    const key = await new CrmClient(app.url, app.adminAuth).ok<{ key: string }>('POST', '/api/api-keys', { name: 'deployer', roles: ['analyst'] });
    analyst = new RestClient(app.rest, { authorization: `Bearer ${key.key}` });
  });
  afterAll(() => app.close());

  it('refuses while instances run (409); cascade deletes them, the deployment and their history', async () => {
    const deploymentId = await deploy(api, 'e2e_delete_cascade');
    const instanceId = await start('e2e_delete_cascade');

    expectErrorBody(await api.delete(`/deployment/${deploymentId}`), 409, 'InvalidRequestException', 'ENGINE_CONFLICT');
    expect((await api.get(`/process-instance/${instanceId}`)).status).toBe(200);

    expectErrorBody(await api.delete(`/deployment/${deploymentId}?cascade=maybe`), 400, undefined, 'ENGINE_INVALID_REQUEST');
    expect((await api.delete(`/deployment/${deploymentId}?cascade=true&skipCustomListeners=true&skipIoMappings=true`)).status).toBe(204);
    expectErrorBody(await api.get(`/deployment/${deploymentId}`), 404);
    expectErrorBody(await api.get(`/process-instance/${instanceId}`), 404);
    expect((await api.get('/process-definition/count', { key: 'e2e_delete_cascade' })).body).toEqual({ count: 0 });
    expect((await api.get('/history/process-instance/count', { processInstanceId: instanceId })).body).toEqual({ count: 0 });
    expect((await api.get('/task/count', { processInstanceId: instanceId })).body).toEqual({ count: 0 });
    expectErrorBody(await api.delete(`/deployment/${deploymentId}`), 404, undefined, 'ENGINE_NOT_FOUND');
  });

  it('lets a deployer delete a deployment without running instances, its history kept; cascade needs engine.operate', async () => {
    const deploymentId = await deploy(analyst, 'e2e_delete_plain');
    const instanceId = await start('e2e_delete_plain');
    const [task] = (await api.get('/task', { processInstanceId: instanceId })).body;
    expect((await api.post(`/task/${task.id}/complete`, {})).status).toBe(204);

    expectErrorBody(await analyst.delete(`/deployment/${deploymentId}?cascade=true`), 403, undefined, 'ENGINE_FORBIDDEN');
    expect((await analyst.delete(`/deployment/${deploymentId}`)).status).toBe(204);
    expectErrorBody(await api.get(`/deployment/${deploymentId}`), 404);
    expect((await api.get('/history/process-instance/count', { processInstanceId: instanceId })).body).toEqual({ count: 1 });
  });

  it('refuses callers without credentials (401) and without the deploy right (403), and deletes nothing', async () => {
    const deploymentId = await deploy(api, 'e2e_delete_refused');
    const key = await new CrmClient(app.url, app.adminAuth).ok<{ key: string }>('POST', '/api/api-keys', { name: 'worker', roles: ['worker'] });
    const worker = new RestClient(app.rest, { authorization: `Bearer ${key.key}` });
    const anonymous = new RestClient(app.rest, {});

    expectErrorBody(await anonymous.delete(`/deployment/${deploymentId}`), 401);
    expectErrorBody(await worker.delete(`/deployment/${deploymentId}`), 403);
    expect((await api.get(`/deployment/${deploymentId}`)).status).toBe(200);
  });
});
