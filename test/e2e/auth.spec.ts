import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../support/crm-client.js';
import { expectErrorBody, RestClient } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const approvalXml = bpmn('approval', `
  <startEvent id="start"/>
  <userTask id="approve" camunda:candidateGroups="manager"/>
  <endEvent id="end"/>
  ${flows('start', 'approve', 'end')}`);

interface User { id: string; name: string }

/** creates a CRM user (anonymous requests may, while anonymous access is allowed) */
async function createUser(crm: CrmClient, name: string, role: string): Promise<User> {
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}.${Date.now()}@example.com`;
  return crm.ok<User>('POST', '/api/users', { name, email, role, ...(role === 'manager' ? { level: 'junior' } : {}) });
}

async function signIn(app: TestApp, userId: string): Promise<{ status: number; cookie: string; setCookie: string; body: any }> {
  const response = await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { status: response.status, cookie: setCookie.split(';')[0]!, setCookie, body: await response.json() };
}

describe('the sign-in and the guard over every route', () => {
  let app: TestApp;
  let crm: CrmClient;
  let anonymous: RestClient;
  let analyst: User, ops: User, mary: User, max: User, head: User;
  const as = (cookie: string) => new RestClient(app.rest, { cookie });

  beforeAll(async () => {
    app = await startTestApp();
    crm = new CrmClient(app.url);
    anonymous = new RestClient(app.rest);
    [analyst, ops, mary, max, head] = await Promise.all([
      createUser(crm, 'Ana Lyst', 'analyst'), createUser(crm, 'Op Erator', 'ops'), createUser(crm, 'Mary Manager', 'manager'),
      createUser(crm, 'Max Manager', 'manager'), createUser(crm, 'Hedda Head', 'head'),
    ]);
  }, 120_000);
  afterAll(() => app?.close());

  it('lists the active users to sign in as, with what their role opens', async () => {
    const users = await crm.ok<{ id: string; areas: string[]; supervisor: boolean; groups: string[] }[]>('GET', '/api/session/users');
    expect(users.find((u) => u.id === analyst.id)).toMatchObject({ areas: ['designer'], supervisor: false, groups: ['analyst'] });
    expect(users.find((u) => u.id === head.id)).toMatchObject({ areas: ['tasklist'], supervisor: true });
  });

  it('opens a session in an HttpOnly cookie, tells who is signed in, and closes it', async () => {
    const session = await signIn(app, mary.id);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ id: mary.id, name: 'Mary Manager', role: 'manager', areas: ['tasklist'] });
    expect(session.setCookie).toMatch(/^crm_session=[\w-]{40,};/);
    expect(session.setCookie).toMatch(/HttpOnly/);
    expect(session.setCookie).toMatch(/SameSite=Lax/);
    const me = await fetch(`${app.url}/api/session`, { headers: { cookie: session.cookie } });
    expect(await me.json()).toMatchObject({ id: mary.id });

    const out = await fetch(`${app.url}/api/session`, { method: 'DELETE', headers: { cookie: session.cookie, origin: app.url } });
    expect(out.status).toBe(204);
    expect((await fetch(`${app.url}/api/session`, { headers: { cookie: session.cookie } })).status).toBe(401);
    expectErrorBody(await as(session.cookie).get('/task'), 401, 'AuthenticationException');
    // the web app's requests never go on anonymously once the cookie is gone
    expectErrorBody(await new RestClient(app.rest, { 'x-session-required': 'true' }).get('/task'), 401, 'AuthenticationException');
    expect((await anonymous.get('/task')).status).toBe(200);
  });

  it('refuses to sign in as nobody, and a malformed request, changing nothing', async () => {
    const unknown = await signIn(app, '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ type: 'AuthenticationException', message: expect.stringContaining('no active user') });
    expect(unknown.setCookie).toBe('');
    expectErrorBody(await crm.post('/api/session', { userId: 42 }), 400);
    expectErrorBody(await crm.post('/api/session', { user: mary.id }), 400);
  });

  it('answers 401 for a forged or unknown session and for an unknown X-User-Id', async () => {
    expectErrorBody(await as('crm_session=forged-token').get('/process-definition'), 401, 'AuthenticationException');
    expectErrorBody(await new RestClient(app.rest, { 'x-user-id': 'mary' }).get('/process-definition'), 401, 'AuthenticationException');
    expect((await new RestClient(app.rest, { 'x-user-id': mary.id }).get('/process-definition')).status).toBe(200);
  });

  it('ends the sessions of a deactivated user', async () => {
    const leaver = await createUser(crm, 'Lee Leaver', 'manager');
    const session = await signIn(app, leaver.id);
    await crm.ok('DELETE', `/api/users/${leaver.id}`);
    expectErrorBody(await as(session.cookie).get('/task'), 401, 'AuthenticationException');
  });

  it('lets analysts deploy and ops repair, and refuses the others with 403 naming the role it takes', async () => {
    const [asAnalyst, asOps, asMary] = await Promise.all([analyst, ops, mary].map(async (u) => as((await signIn(app, u.id)).cookie)));
    const refused = await asOps.deploy([{ name: 'approval.bpmn', content: approvalXml }]);
    expectErrorBody(refused, 403, 'AuthorizationException');
    expect(refused.body.message).toBe('Op Erator (ops) may not deploy processes: that takes the role analyst or admin');
    expect((await anonymous.get('/process-definition/count', { key: 'approval' })).body).toEqual({ count: 0 });

    expect((await asAnalyst.deploy([{ name: 'approval.bpmn', content: approvalXml }])).status).toBe(200);
    const started = await asAnalyst.post<{ id: string }>('/process-definition/key/approval/start', {});
    expect(started.status).toBe(200);
    const history = await anonymous.get<{ startUserId: string }>(`/history/process-instance/${started.body.id}`);
    expect(history.body.startUserId).toBe(analyst.id);

    expectErrorBody(await asMary.delete(`/process-instance/${started.body.id}`), 403, 'AuthorizationException');
    expectErrorBody(await asAnalyst.put(`/process-instance/${started.body.id}/variables/amount`, { value: 1, type: 'Integer' }), 403);
    expect((await anonymous.get(`/process-instance/${started.body.id}`)).status).toBe(200);
    expect((await asOps.put(`/process-instance/${started.body.id}/variables/amount`, { value: 1, type: 'Integer' })).status).toBe(204);
    expect((await asOps.delete(`/process-instance/${started.body.id}`)).status).toBe(204);
    const opsOnApi = new RestClient(app.url, { cookie: (await signIn(app, ops.id)).cookie });
    expectErrorBody(await opsOnApi.post('/api/users', { name: 'Not Allowed', email: 'not.allowed@example.com', role: 'ops' }), 403, 'AuthorizationException');
  });

  it('lets managers work on their own and free tasks only; heads give tasks to others', async () => {
    const started = await anonymous.post<{ id: string }>('/process-definition/key/approval/start', {});
    const [task] = (await anonymous.get<{ id: string }[]>('/task', { processInstanceId: started.body.id })).body;
    const [asMary, asMax, asHead] = await Promise.all([mary, max, head].map(async (u) => as((await signIn(app, u.id)).cookie)));

    expectErrorBody(await asMax.post(`/task/${task!.id}/claim`, { userId: mary.id }), 403, 'AuthorizationException');
    expect((await asMary.post(`/task/${task!.id}/claim`, { userId: mary.id })).status).toBe(204);
    const taken = await asMax.post(`/task/${task!.id}/complete`, {});
    expectErrorBody(taken, 403, 'AuthorizationException');
    expect(taken.body.message).toContain(`assigned to ${mary.id}`);
    expectErrorBody(await asMax.post(`/task/${task!.id}/assignee`, { userId: max.id }), 403);
    expect((await anonymous.get<{ assignee: string }>(`/task/${task!.id}`)).body.assignee).toBe(mary.id);

    expect((await asHead.post(`/task/${task!.id}/assignee`, { userId: max.id })).status).toBe(204);
    expectErrorBody(await asMary.post(`/task/${task!.id}/complete`, {}), 403);
    const comment = await asMax.post<{ userId: string }>(`/task/${task!.id}/comment/create`, { message: 'On it' });
    expect(comment.body.userId).toBe(max.id);
    expect((await asMax.post(`/task/${task!.id}/complete`, {})).status).toBe(204);
    expectErrorBody(await asMax.post('/task/no-such-task/complete', {}), 404);
  });
});

describe('with AUTH_ANONYMOUS=false', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { AUTH_ANONYMOUS: 'false', SEED_DEMO: 'true' } });
  }, 120_000);
  afterAll(() => app?.close());

  it('answers 401 to requests without a session, also with X-User-Id, but keeps sign-in, the web form and probes open', async () => {
    const [someone] = await (await fetch(`${app.url}/api/session/users`)).json() as { id: string }[];
    expectErrorBody(await new RestClient(app.rest).get('/process-definition'), 401, 'AuthenticationException');
    expectErrorBody(await new RestClient(app.rest, { 'x-user-id': someone!.id }).get('/process-definition'), 401, 'AuthenticationException');
    expect((await fetch(`${app.url}/api/deals`)).status).toBe(401);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    const form = await fetch(`${app.url}/api/public/leads`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Pat Prospect', email: 'pat@example.com', company: 'Prospect Ltd' }),
    });
    expect(form.status).toBe(202);
    const session = await signIn(app, someone!.id);
    expect((await new RestClient(app.rest, { cookie: session.cookie }).get('/process-definition')).status).toBe(200);
  });
});
