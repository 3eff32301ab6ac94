import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { expectErrorBody, RestClient } from '../support/rest-client.js';
import { CrmClient } from '../support/crm-client.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../support/test-app.js';

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

describe('GET /metrics and GET /health', () => {
  let app: TestApp;
  let rest: RestClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    rest = new RestClient(app.rest, app.adminAuth);
    expect((await rest.deploy([{ name: 'metered.bpmn', content: modelXml }])).status).toBe(200);
  });
  afterAll(() => app?.close());

  it('reports running instances, open tasks, external tasks per topic and incidents per type', async () => {
    for (let i = 0; i < 2; i++) expect((await rest.post('/process-definition/key/metered/start', {})).status).toBe(200);
    const [locked] = (await rest.post<{ id: string }[]>('/external-task/fetchAndLock', { workerId: 'w', maxTasks: 1, topics: [{ topicName: 'metrics-charge', lockDuration: 60_000 }] })).body;
    expect((await rest.post(`/external-task/${locked!.id}/failure`, { workerId: 'w', errorMessage: 'card declined', retries: 0, retryTimeout: 0 })).status).toBe(204);

    const response = await fetch(`${app.url}/metrics`, { headers: app.adminAuth });
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(sample(text, 'bpmn_process_instances_running')).toBe(2);
    expect(sample(text, 'bpmn_user_tasks_open')).toBe(2);
    expect(sample(text, 'bpmn_external_tasks_open{topic="metrics-charge"}')).toBe(2);
    expect(sample(text, 'bpmn_incidents_open{type="failedExternalTask"}')).toBe(1);
    expect(sample(text, 'bpmn_jobs_due')).toBe(0);
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('counts root instances started and completed and incidents per interval, and in sum (GET /engine-rest/metrics)', async () => {
    const started = await rest.post<{ id: string }>('/process-definition/key/metered/start', { businessKey: 'metered-done' });
    const [task] = (await rest.get<{ id: string }[]>('/task', { processInstanceId: started.body.id })).body;
    expect((await rest.post(`/task/${task!.id}/complete`, {})).status).toBe(204);
    const [locked] = (await rest.post<{ id: string }[]>('/external-task/fetchAndLock', { workerId: 'w2', maxTasks: 1, topics: [{ topicName: 'metrics-charge', lockDuration: 60_000, businessKey: 'metered-done' }] })).body;
    expect((await rest.post(`/external-task/${locked!.id}/complete`, { workerId: 'w2' })).status).toBe(204);

    const since = '2000-01-01T00:00:00.000+0000';
    const total = async (name: string) => (await rest.get<{ timestamp: string; name: string; value: number }[]>('/metrics', { name, startDate: since, interval: 60 })).body;
    const starts = await total('root-process-instance-start');
    expect(starts.reduce((n, p) => n + p.value, 0)).toBe(3);
    for (const point of starts) {
      expect(point.name).toBe('root-process-instance-start');
      expect(new Date(point.timestamp.replace(/(\d{2})(\d{2})$/, '$1:$2')).getTime() % 60_000).toBe(0);
    }
    expect((await total('root-process-instance-complete')).reduce((n, p) => n + p.value, 0)).toBe(1);
    expect((await total('incident-create')).reduce((n, p) => n + p.value, 0)).toBe(1);
    expect((await rest.get('/metrics/process-instances/sum', { startDate: since })).body).toEqual({ result: 3 });
    expect((await rest.get('/metrics/root-process-instance-start/sum', { endDate: since })).body).toEqual({ result: 0 });
  });

  it('counts the kept instances a command took instead of reading them (bpmn_instance_cache_*)', async () => {
    const scrape = async () => (await fetch(`${app.url}/metrics`, { headers: app.adminAuth })).text();
    const proven = (text: string) => sample(text, 'bpmn_instance_cache_guesses_total{outcome="proven"}') ?? 0;
    const before = proven(await scrape());
    expect((await rest.deploy([{ name: 'kept.bpmn', content: bpmn('kept', `<startEvent id="s"/><userTask id="t"/><endEvent id="e"/>${flows('s', 't', 'e')}`) }])).status).toBe(200);
    const started = await rest.post<{ id: string }>('/process-definition/key/kept/start', {});
    const afterStart = await scrape();
    expect(sample(afterStart, 'bpmn_instance_cache_entries')).toBeGreaterThanOrEqual(1);
    const [task] = (await rest.get<{ id: string }[]>('/task', { processInstanceId: started.body.id })).body;
    expect((await rest.post(`/task/${task!.id}/complete`, {})).status).toBe(204);
    const text = await scrape();
    expect(proven(text) - before).toBe(1);
    expect(sample(text, 'bpmn_instance_cache_guesses_total{outcome="stale"}')).toBe(0);
  });

  it('reports the PostgreSQL pool: busy and idle connections, its size and the statements waiting for one (none on PGlite)', async () => {
    const text = await (await fetch(`${app.url}/metrics`, { headers: app.adminAuth })).text();
    if (app.databaseKind === 'pglite') {
      expect(text).not.toContain('bpmn_database_pool_size ');
      return;
    }
    expect(sample(text, 'bpmn_database_pool_size')).toBe(10);
    expect(sample(text, 'bpmn_database_pool_waiting')).toBe(0);
    const busy = sample(text, 'bpmn_database_pool_connections{state="busy"}')!;
    const idle = sample(text, 'bpmn_database_pool_connections{state="idle"}')!;
    expect(busy).toBeGreaterThanOrEqual(0);
    expect(busy + idle).toBeGreaterThan(0);
    expect(busy + idle).toBeLessThanOrEqual(10);
  });

  it('GET /metrics is for ops and admins: a manager gets 403', async () => {
    const user = await new CrmClient(app.url, app.adminAuth).ok<{ id: string }>('POST', '/api/users', {
      name: 'Mona Manager', email: `mona.${Date.now()}@metrics.test`, role: 'manager', level: 'junior', password: TEST_USER_PASSWORD,
    });
    const response = await fetch(`${app.url}/metrics`, { headers: basicAuth(user.id, TEST_USER_PASSWORD) });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('bpmn_instance_cache');
  });

  it('refuses a missing or unknown metric and bad intervals with 400', async () => {
    expectErrorBody(await rest.get('/metrics'), 400);
    expectErrorBody(await rest.get('/metrics', { name: 'coffee-brewed' }), 400);
    expectErrorBody(await rest.get('/metrics', { name: 'process-instances', interval: 0 }), 400);
    expectErrorBody(await rest.get('/metrics', { name: 'process-instances', maxResults: 500 }), 400);
    expectErrorBody(await rest.get('/metrics', { name: 'process-instances', startDate: 'yesterday' }), 400);
    expectErrorBody(await rest.get('/metrics/coffee-brewed/sum'), 400);
  });

  it('GET /health tells anyone only whether the service is up', async () => {
    const response = await fetch(`${app.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /health reports the database and the job queue with what backs them to ops and admins', async () => {
    const response = await fetch(`${app.url}/health`, { headers: app.adminAuth });
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    const postgres = Boolean(process.env['DATABASE_URL']);
    const queue = !postgres ? 'in-process' : process.env['REDIS_URL'] ? 'bullmq-redis' : 'bullmq-postgres';
    expect(app.databaseKind).toBe(postgres ? 'postgres' : 'pglite');
    expect(body).toMatchObject({
      status: 'ok',
      info: {
        database: { status: 'up', kind: postgres ? 'postgres' : 'pglite' },
        queue: { status: 'up', kind: queue },
      },
    });
  });
});
