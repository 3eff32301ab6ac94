import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { eventually } from '../support/eventually.js';
import { RestClient } from '../support/rest-client.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * PostgreSQL and Redis go away and come back (played by cutting a TCP proxy between the service
 * and each of them): requests meanwhile get 503 with Retry-After, never 500; /health says degraded;
 * the pool and the queue reconnect by themselves; nothing committed is lost.
 */
const approval = bpmn('outage_approval', `
  <startEvent id="start"/>
  <userTask id="review"/>
  <endEvent id="end"/>
  ${flows('start', 'review', 'end')}`);

const automatic = bpmn('outage_async', `
  <startEvent id="start"/>
  <scriptTask id="score" scriptFormat="juel" camunda:asyncBefore="true" camunda:resultVariable="score"><script>\${42}</script></scriptTask>
  <endEvent id="end"/>
  ${flows('start', 'score', 'end')}`);

const withBackends = process.env['DATABASE_URL'] && process.env['REDIS_URL'] ? describe : describe.skip;

withBackends('backend outages (PostgreSQL and Redis through a proxy the spec cuts)', () => {
  let database: TcpProxy;
  let redis: TcpProxy;
  let app: TestApp;
  let api: RestClient;

  beforeAll(async () => {
    database = await TcpProxy.to(process.env['DATABASE_URL']!, 5432);
    redis = await TcpProxy.to(process.env['REDIS_URL']!, 6379);
    app = await startTestApp({
      env: { JOB_RECONCILE_MS: '500' },
      backendUrls: { database: (url) => database.through(url), redis: (url) => redis.through(url) },
    });
    api = new RestClient(app.rest, app.adminAuth);
    expect((await api.deploy([{ name: 'approval.bpmn', content: approval }, { name: 'async.bpmn', content: automatic }])).status).toBe(200);
  });
  afterAll(async () => {
    await database?.restore();
    await redis?.restore();
    await app?.close();
    await database?.cut();
    await redis?.cut();
  });

  const health = async () => {
    const response = await fetch(`${app.url}/health`, { headers: app.adminAuth });
    return { status: response.status, body: (await response.json()) as { status: string; error?: Record<string, unknown> } };
  };
  const start = (key: string) => api.post(`/process-definition/key/${key}/start`, {});
  /** a raw answer, headers included */
  const send = (method: string, path: string, body?: unknown) => fetch(`${app.rest}${path}`, {
    method,
    headers: { ...app.adminAuth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

  it('PostgreSQL down: requests get 503 with Retry-After (never 500), /health is degraded with 503; back up, the pool reconnects and nothing committed is lost', async () => {
    const before = await start('outage_approval');
    expect(before.status).toBe(200);

    await database.cut();
    const during = await Promise.all([
      send('POST', '/process-definition/key/outage_approval/start', {}),
      send('GET', '/task'),
      send('GET', `/process-instance/${before.body.id}`),
    ]);
    for (const response of during) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toMatchObject({ type: 'ProcessEngineException', errorCode: 'SERVICE_UNAVAILABLE' });
    }
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('degraded');
    expect(Object.keys(down.body.error ?? {})).toEqual(['database']);

    await database.restore();
    await eventually(async () => expect((await start('outage_approval')).status).toBe(200), { timeoutMs: 60_000, intervalMs: 250 });
    expect((await api.get(`/process-instance/${before.body.id}`)).status).toBe(200);
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('Redis down: commands are still taken and their jobs run from the rows (the due-job poller needs no Redis), /health is degraded with 200', async () => {
    await redis.cut();
    const started = await start('outage_async');
    expect(started.status).toBe(200);
    await eventually(async () => expect((await api.get(`/history/process-instance/${started.body.id}`)).body.state).toBe('COMPLETED'), { timeoutMs: 60_000, intervalMs: 250 });
    const degraded = await health();
    expect(degraded.status).toBe(200);
    expect(degraded.body.status).toBe('degraded');
    expect(Object.keys(degraded.body.error ?? {})).toEqual(['queue']);

    await redis.restore();
    await eventually(async () => expect(await health()).toMatchObject({ status: 200, body: { status: 'ok' } }), { timeoutMs: 60_000, intervalMs: 250 });
  });
});
