import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { RestClient } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const modelXml = bpmn('metered', `
  <startEvent id="start"/>
  <parallelGateway id="fork"/>
  <userTask id="review"/>
  <serviceTask id="charge" camunda:type="external" camunda:topic="metrics-charge"/>
  <parallelGateway id="join"/>
  <endEvent id="end"/>
  ${flows('start', 'fork')}${flows('fork', 'review', 'join')}${flows('fork', 'charge', 'join')}${flows('join', 'end')}`);

/** the value of one sample line, e.g. `bpmn_incidents_open{type="failedExternalTask"}` */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('GET /metrics', () => {
  let app: TestApp;
  let rest: RestClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    rest = new RestClient(app.rest);
    expect((await rest.deploy([{ name: 'metered.bpmn', content: modelXml }])).status).toBe(200);
  }, 120_000);
  afterAll(() => app?.close());

  it('reports running instances, open tasks, external tasks per topic and incidents per type', async () => {
    for (let i = 0; i < 2; i++) expect((await rest.post('/process-definition/key/metered/start', {})).status).toBe(200);
    const [locked] = (await rest.post<{ id: string }[]>('/external-task/fetchAndLock', { workerId: 'w', maxTasks: 1, topics: [{ topicName: 'metrics-charge', lockDuration: 60_000 }] })).body;
    expect((await rest.post(`/external-task/${locked!.id}/failure`, { workerId: 'w', errorMessage: 'card declined', retries: 0, retryTimeout: 0 })).status).toBe(204);

    const response = await fetch(`${app.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(sample(text, 'bpmn_process_instances_running')).toBe(2);
    expect(sample(text, 'bpmn_user_tasks_open')).toBe(2);
    expect(sample(text, 'bpmn_external_tasks_open{topic="metrics-charge"}')).toBe(2);
    expect(sample(text, 'bpmn_incidents_open{type="failedExternalTask"}')).toBe(1);
    expect(sample(text, 'bpmn_jobs_due')).toBe(0);
    expect(text).toContain('process_cpu_seconds_total');
  });
});
