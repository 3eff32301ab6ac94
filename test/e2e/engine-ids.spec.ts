import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RestClient } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const leadRouting = readFileSync(join(process.cwd(), 'bench', 'models', 'lead-routing.bpmn'), 'utf8');
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The engine's ids are time-ordered UUIDs (version 7, engine-providers.ts): rows written later sort
 * later in every id index, so inserts touch its right edge rather than a random page (bench/README.md,
 * *Stop 24*). Still UUIDs, as Camunda clients treat them: opaque strings.
 */
describe('engine ids', () => {
  let app: TestApp;
  let api: RestClient;

  beforeAll(async () => {
    app = await startTestApp();
    api = new RestClient(app.rest, app.adminAuth);
    expect((await api.deploy([{ name: 'lead-routing.bpmn', content: leadRouting }])).status).toBe(200);
  });
  afterAll(() => app?.close());

  it('are version 7 UUIDs, and an instance started later has the greater id, its task too', async () => {
    const started: { instance: string; task: string }[] = [];
    for (const amount of [5000, 250000, 5000]) {
      const { body } = await api.post<{ id: string }>('/process-definition/key/bench_lead_routing/start', { variables: { amount: { value: amount, type: 'Integer' } } });
      const tasks = await api.get<{ id: string }[]>('/task', { processInstanceId: body.id });
      started.push({ instance: body.id, task: tasks.body[0]!.id });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const { instance, task } of started) {
      expect(instance).toMatch(UUID_V7);
      expect(task).toMatch(UUID_V7);
    }
    const instances = started.map((s) => s.instance);
    const tasks = started.map((s) => s.task);
    expect([...instances].sort()).toEqual(instances);
    expect([...tasks].sort()).toEqual(tasks);
  });
});
