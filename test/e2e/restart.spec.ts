import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { RestClient } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const model = bpmn('restart_review', `
    <startEvent id="start"/>
    <userTask id="review" name="Review" camunda:candidateGroups="sales"/>
    <endEvent id="end"/>
    ${flows('start', 'review', 'end')}`);

describe('the service keeps what it stored across a restart (embedded database)', () => {
  let dataDir: string;
  let app: TestApp | null = null;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'bpmn-restart-'));
  });
  afterEach(async () => {
    await app?.close();
    app = null;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds the deployed definition and the waiting task after a graceful restart on the same data dir, and completes it', async () => {
    app = await startTestApp({ embeddedDataDir: dataDir });
    let api = new RestClient(app.rest, app.adminAuth);
    const deployed = await api.deploy([{ name: 'restart.bpmn', content: model }]);
    expect(deployed.status).toBe(200);
    const definitionId = Object.keys(deployed.body.deployedProcessDefinitions)[0]!;
    const started = await api.post('/process-definition/key/restart_review/start', { businessKey: 'deal-7', variables: { amount: { value: 42, type: 'Integer' } } });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ definitionId, businessKey: 'deal-7', ended: false });
    const instanceId: string = started.body.id;
    const before = await api.get('/task', { processInstanceId: instanceId });
    expect(before.body).toHaveLength(1);
    await app.close();
    app = null;

    app = await startTestApp({ embeddedDataDir: dataDir });
    api = new RestClient(app.rest, app.adminAuth);
    const definition = await api.get('/process-definition/key/restart_review');
    expect(definition.status).toBe(200);
    expect(definition.body).toMatchObject({ id: definitionId, version: 1 });
    const instance = await api.get(`/process-instance/${instanceId}`);
    expect(instance.status).toBe(200);
    expect(instance.body).toMatchObject({ id: instanceId, businessKey: 'deal-7', ended: false });
    const tasks = await api.get('/task', { processInstanceId: instanceId });
    expect(tasks.body).toEqual([expect.objectContaining({ id: before.body[0].id, taskDefinitionKey: 'review', name: 'Review' })]);
    const variables = await api.get(`/process-instance/${instanceId}/variables`);
    expect(variables.body).toEqual({ amount: { type: 'Integer', value: 42, valueInfo: {} } });

    const completed = await api.post(`/task/${tasks.body[0].id}/complete`, { variables: { approved: { value: true, type: 'Boolean' } } });
    expect(completed.status).toBe(204);
    const history = await api.get(`/history/process-instance/${instanceId}`);
    expect(history.body).toMatchObject({ id: instanceId, state: 'COMPLETED' });
    expect((await api.get(`/process-instance/${instanceId}`)).status).toBe(404);
    const health = (await fetch(`${app.url}/health`, { headers: app.adminAuth }).then((r) => r.json())) as { info: unknown };
    expect(health.info).toMatchObject({ database: { status: 'up', kind: 'pglite' }, queue: { status: 'up', kind: 'in-process' } });
  }, 300_000); // two starts of the service one after the other
});
