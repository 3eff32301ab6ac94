import { bpmn, flows } from '../../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../../support/crm-client.js';
import { expectErrorBody, RestClient } from '../../support/rest-client.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../../support/test-app.js';

const externalTaskModel = (key: string, topic: string) =>
  bpmn(key, `
  <startEvent id="start"/>
  <serviceTask id="work" camunda:type="external" camunda:topic="${topic}"/>
  <endEvent id="end"/>
  ${flows('start', 'work', 'end')}`);

interface ExternalTask { id: string; topicName: string; workerId: string | null; lockExpirationTime: string | null; retries: number | null; priority: number }

/** An API key limited to external-task topics fetches, sees and works on those topics' tasks only. */
describe('API keys limited to external-task topics', () => {
  let app: TestApp;
  let admin: CrmClient;
  let engine: RestClient;
  const keyClient = (key: string, headers: Record<string, string> = {}) => new RestClient(app.rest, { authorization: `Bearer ${key}`, ...headers });
  const newKey = (body: Record<string, unknown>) => admin.ok<{ id: string; key: string; topics: string[] | null }>('POST', '/api/api-keys', body);
  const start = async (key: string) => expect((await engine.post(`/process-definition/key/${key}/start`, {})).status).toBe(200);
  const taskOf = async (id: string) => (await engine.get<ExternalTask>(`/external-task/${id}`)).body;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    admin = new CrmClient(app.url, app.adminAuth);
    engine = new RestClient(app.rest, app.adminAuth);
    const deployed = await engine.deploy([
      { name: 'mail.bpmn', content: externalTaskModel('topics_mail', 'topic-mail') },
      { name: 'payment.bpmn', content: externalTaskModel('topics_payment', 'topic-payment') },
    ]);
    expect(deployed.status).toBe(200);
  });
  afterAll(() => app?.close());

  it('refuses to create a key whose topics are empty, padded or meaningless for its roles, naming the field', async () => {
    const refused = [
      { name: 'none', roles: ['worker'], topics: [] },
      { name: 'padded', roles: ['worker'], topics: [' topic-mail'] },
      { name: 'blank', roles: ['worker'], topics: [''] },
      { name: 'not a list', roles: ['worker'], topics: 'topic-mail' },
      { name: 'analyst', roles: ['analyst'], topics: ['topic-mail'] },
      { name: 'too many', roles: ['worker'], topics: Array.from({ length: 101 }, (_, i) => `t${i}`) },
    ];
    for (const body of refused) {
      const response = await admin.request('POST', '/api/api-keys', body);
      expect([body.name, response.status]).toEqual([body.name, 400]);
      expect((response.body as { message: string }).message).toMatch(/^Invalid request body: 'topics(\.0)?' /);
    }
    const listed = new Set((await admin.ok<{ name: string }[]>('GET', '/api/api-keys')).map((k) => k.name));
    for (const body of refused) expect([body.name, listed.has(body.name)]).toEqual([body.name, false]);
  });

  it('lists the topics of a limited key and null for one that works on every topic', async () => {
    const limited = await newKey({ name: 'mailer', roles: ['worker'], topics: ['topic-mail', 'topic-mail', 'topic-sms'] });
    const open = await newKey({ name: 'any worker', roles: ['worker'] });
    expect(limited.topics).toEqual(['topic-mail', 'topic-sms']);
    expect(open.topics).toBeNull();
    const listed = await admin.ok<{ id: string; topics: string[] | null }[]>('GET', '/api/api-keys');
    expect(listed.find((k) => k.id === limited.id)?.topics).toEqual(['topic-mail', 'topic-sms']);
    expect(listed.find((k) => k.id === open.id)?.topics).toBeNull();
  });

  it('fetches only its topics, refusing a fetch that names another, and sees only its topics', async () => {
    await start('topics_mail');
    await start('topics_payment');
    const mailer = keyClient((await newKey({ name: 'fetching mailer', roles: ['worker'], topics: ['topic-mail'] })).key);
    const lockedBefore = (await engine.get<{ count: number }>('/external-task/count', { locked: true })).body.count;

    const mixed = await mailer.post('/external-task/fetchAndLock', { workerId: 'mailer-1', maxTasks: 10, topics: [{ topicName: 'topic-mail', lockDuration: 60_000 }, { topicName: 'topic-payment', lockDuration: 60_000 }] });
    expectErrorBody(mixed, 403, 'AuthorizationException', 'ENGINE_FORBIDDEN');
    expect(mixed.body.message).toContain("'topic-payment'");
    expect(mixed.body.message).toContain("limited to 'topic-mail'");
    expect((await engine.get<{ count: number }>('/external-task/count', { locked: true })).body.count).toBe(lockedBefore);

    const fetched = await mailer.post<ExternalTask[]>('/external-task/fetchAndLock', { workerId: 'mailer-1', maxTasks: 10, topics: [{ topicName: 'topic-mail', lockDuration: 60_000 }] });
    expect(fetched.status).toBe(200);
    expect(fetched.body.length).toBeGreaterThan(0);
    expect(new Set(fetched.body.map((t) => t.topicName))).toEqual(new Set(['topic-mail']));

    const all = (await engine.get<ExternalTask[]>('/external-task')).body;
    expect(new Set(all.map((t) => t.topicName))).toEqual(new Set(['topic-mail', 'topic-payment']));
    const seen = await mailer.get<ExternalTask[]>('/external-task');
    expect(seen.status).toBe(200);
    expect(seen.body.map((t) => t.id).sort()).toEqual(all.filter((t) => t.topicName === 'topic-mail').map((t) => t.id).sort());
    expect((await mailer.get('/external-task/count')).body).toEqual({ count: all.filter((t) => t.topicName === 'topic-mail').length });
    expect((await mailer.get('/external-task/count', { topicName: 'topic-payment' })).body).toEqual({ count: 0 });
    expect((await mailer.get('/external-task/topic-names')).body).toEqual(['topic-mail']);
  });

  it("answers 404 for another topic's task, for reading and for every action on it, and changes nothing", async () => {
    await start('topics_payment');
    const payer = keyClient((await newKey({ name: 'payer', roles: ['worker'] })).key);
    const [payment] = (await payer.post<ExternalTask[]>('/external-task/fetchAndLock', { workerId: 'payer-1', maxTasks: 1, topics: [{ topicName: 'topic-payment', lockDuration: 600_000 }] })).body;
    expect(payment).toBeDefined();
    const before = await taskOf(payment!.id);
    const mailer = keyClient((await newKey({ name: 'spoofing mailer', roles: ['worker'], topics: ['topic-mail'] })).key);

    const attempts: [string, () => Promise<{ status: number; body: unknown }>][] = [
      ['get', () => mailer.get(`/external-task/${payment!.id}`)],
      ['errorDetails', () => mailer.get(`/external-task/${payment!.id}/errorDetails`)],
      ['complete', () => mailer.post(`/external-task/${payment!.id}/complete`, { workerId: 'payer-1', variables: { paid: { value: true } } })],
      ['failure', () => mailer.post(`/external-task/${payment!.id}/failure`, { workerId: 'payer-1', errorMessage: 'no', retries: 0 })],
      ['bpmnError', () => mailer.post(`/external-task/${payment!.id}/bpmnError`, { workerId: 'payer-1', errorCode: 'E' })],
      ['extendLock', () => mailer.post(`/external-task/${payment!.id}/extendLock`, { workerId: 'payer-1', newDuration: 1000 })],
      ['unlock', () => mailer.post(`/external-task/${payment!.id}/unlock`)],
    ];
    for (const [name, attempt] of attempts) {
      const response = await attempt();
      expect([name, response.status]).toEqual([name, 404]);
      expectErrorBody(response, 404, undefined, 'ENGINE_NOT_FOUND');
    }
    expect(await taskOf(payment!.id)).toEqual(before);

    // the key that locked it still completes it: a limit on one key takes nothing from the others
    expect((await payer.post(`/external-task/${payment!.id}/complete`, { workerId: 'payer-1' })).status).toBe(204);
    expect((await engine.get(`/external-task/${payment!.id}`)).status).toBe(404);
  });

  it('completes the tasks of its own topic', async () => {
    await start('topics_mail');
    const mailer = keyClient((await newKey({ name: 'completing mailer', roles: ['worker'], topics: ['topic-mail'] })).key);
    const [task] = (await mailer.post<ExternalTask[]>('/external-task/fetchAndLock', { workerId: 'mailer-2', maxTasks: 1, topics: [{ topicName: 'topic-mail', lockDuration: 60_000 }] })).body;
    expect(task).toBeDefined();
    expect((await mailer.post(`/external-task/${task!.id}/extendLock`, { workerId: 'mailer-2', newDuration: 120_000 })).status).toBe(204);
    expect((await mailer.post(`/external-task/${task!.id}/complete`, { workerId: 'mailer-2' })).status).toBe(204);
    expect((await engine.get(`/external-task/${task!.id}`)).status).toBe(404);
  });

  it('keeps an ops key limited to a topic from setting retries or priority on other topics, one by one or in bulk', async () => {
    await start('topics_mail');
    await start('topics_payment');
    const ops = keyClient((await newKey({ name: 'mail ops', roles: ['ops'], topics: ['topic-mail'] })).key);
    const all = (await engine.get<ExternalTask[]>('/external-task')).body;
    const payment = all.find((t) => t.topicName === 'topic-payment')!;
    const mail = all.filter((t) => t.topicName === 'topic-mail');
    const paymentBefore = await taskOf(payment.id);

    expectErrorBody(await ops.put(`/external-task/${payment.id}/retries`, { retries: 7 }), 404, undefined, 'ENGINE_NOT_FOUND');
    expectErrorBody(await ops.put(`/external-task/${payment.id}/priority`, { priority: 9 }), 404, undefined, 'ENGINE_NOT_FOUND');
    expectErrorBody(await ops.put('/external-task/retries', { externalTaskIds: [mail[0]!.id, payment.id], retries: 7 }), 404, undefined, 'ENGINE_NOT_FOUND');
    expectErrorBody(await ops.post('/external-task/retries-async', { externalTaskIds: [payment.id], retries: 7 }), 404, undefined, 'ENGINE_NOT_FOUND');
    expect((await taskOf(mail[0]!.id)).retries).not.toBe(7);

    // a query selects what the key may see: the mail tasks, never the payment one
    expect((await ops.put('/external-task/retries', { externalTaskQuery: {}, retries: 7 })).status).toBe(204);
    for (const task of mail) expect((await taskOf(task.id)).retries).toBe(7);
    expect(await taskOf(payment.id)).toEqual(paymentBefore);
    expect((await ops.put(`/external-task/${mail[0]!.id}/priority`, { priority: 9 })).status).toBe(204);
  });

  it('leaves the routes refused as before: 401 without credentials, 403 to a role that works no external tasks', async () => {
    const manager = await admin.ok<{ email: string }>('POST', '/api/users', { name: 'Mia Manager', email: `mia.${Date.now()}@topics.test`, role: 'manager', level: 'junior', password: TEST_USER_PASSWORD });
    const fetchBody = { workerId: 'w', topics: [{ topicName: 'topic-mail', lockDuration: 1000 }] };
    expect((await new RestClient(app.rest).post('/external-task/fetchAndLock', fetchBody)).status).toBe(401);
    expectErrorBody(await new RestClient(app.rest, basicAuth(manager.email, TEST_USER_PASSWORD)).post('/external-task/fetchAndLock', fetchBody), 403, 'AuthorizationException');
    expect((await new CrmClient(app.url).request('POST', '/api/api-keys', { name: 'x', roles: ['worker'], topics: ['topic-mail'] })).status).toBe(401);
    const bulk = { externalTaskQuery: {}, retries: 3 };
    expect((await new RestClient(app.rest).post('/external-task/retries-async', bulk)).status).toBe(401);
    expectErrorBody(await new RestClient(app.rest, basicAuth(manager.email, TEST_USER_PASSWORD)).post('/external-task/retries-async', bulk), 403, 'AuthorizationException');
    // a worker key, limited or not, does not operate: bulk retries take engine.operate
    const worker = keyClient((await newKey({ name: 'bulk worker', roles: ['worker'], topics: ['topic-mail'] })).key);
    expectErrorBody(await worker.put('/external-task/retries', bulk), 403, 'AuthorizationException');
  });

  it('keeps the limit when the key acts for a user', async () => {
    const opsUser = await admin.ok<{ id: string; email: string }>('POST', '/api/users', { name: 'Olga Ops', email: `olga.${Date.now()}@topics.test`, role: 'ops', password: TEST_USER_PASSWORD });
    const broker = await newKey({ name: 'mail portal', roles: ['worker'], actForUsers: true, topics: ['topic-mail'] });
    const asOlga = keyClient(broker.key, { 'x-user-id': opsUser.id });
    const refused = await asOlga.post('/external-task/fetchAndLock', { workerId: 'olga', maxTasks: 1, topics: [{ topicName: 'topic-payment', lockDuration: 1000 }] });
    expectErrorBody(refused, 403, 'AuthorizationException', 'ENGINE_FORBIDDEN');
    expect(new Set((await asOlga.get<ExternalTask[]>('/external-task')).body.map((t) => t.topicName))).toEqual(new Set(['topic-mail']));
    // the same user signed in with her password works on every topic her role allows
    const olga = new RestClient(app.rest, basicAuth(opsUser.email, TEST_USER_PASSWORD));
    expect(new Set((await olga.get<ExternalTask[]>('/external-task')).body.map((t) => t.topicName))).toEqual(new Set(['topic-mail', 'topic-payment']));
  });
});
