import { bpmn, flows } from '../../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../../support/crm-client.js';
import { expectErrorBody, RestClient } from '../../support/rest-client.js';
import { sessionHeaders, signIn } from '../../support/sessions.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../../support/test-app.js';

const waitXml = bpmn('identity_wait', `
  <startEvent id="start"/>
  <serviceTask id="work" camunda:type="external" camunda:topic="identity-topic"/>
  <endEvent id="end"/>
  ${flows('start', 'work', 'end')}`);

interface User { id: string; email: string; name: string; role: string }

describe('identity: passwords, sessions, HTTP Basic and API keys', () => {
  let app: TestApp;
  let admin: CrmClient;
  let seq = 0;

  const newUser = async (role: string, extra: Record<string, unknown> = { password: TEST_USER_PASSWORD }): Promise<User & { invitation?: { token: string; path: string } }> => {
    seq += 1;
    const email = `${role}.${seq}.${Date.now()}@identity.test`;
    return admin.ok('POST', '/api/users', { name: `${role} ${seq}`, email, role, ...(role === 'manager' ? { level: 'junior' } : {}), ...extra });
  };
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    admin = new CrmClient(app.url, app.adminAuth);
    expect((await new RestClient(app.rest, app.adminAuth).deploy([{ name: 'wait.bpmn', content: waitXml }])).status).toBe(200);
  });
  afterAll(() => app?.close());

  it('answers 401 without credentials, asking HTTP clients (not the web app) for Basic', async () => {
    for (const path of ['/engine-rest/process-definition', '/api/deals', '/api/session/users', '/api/users', '/api/teams', '/api/api-keys', '/metrics', '/engine-rest/engine', '/engine-rest/external-task']) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 401]);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
    const fromWebApp = await get('/api/deals', { 'x-session-required': 'true' });
    expect(fromWebApp.status).toBe(401);
    expect(fromWebApp.headers.get('www-authenticate')).toBeNull();
    expectErrorBody({ status: fromWebApp.status, body: await fromWebApp.json() }, 401, 'AuthenticationException');
  });

  it('creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
    const me = await admin.ok<{ email: string; role: string; name: string }>('GET', '/api/session');
    expect(me).toMatchObject({ email: app.admin.email, role: 'admin', name: 'Administrator' });
  });

  it('signs in with email and password into an HttpOnly cookie, tells who it is, and signs out', async () => {
    const mary = await newUser('manager');
    const session = await signIn(app, mary.email.toUpperCase(), TEST_USER_PASSWORD);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ id: mary.id, role: 'manager', areas: ['tasklist', 'crm'], records: 'own' });
    expect(session.body).not.toHaveProperty('passwordHash');
    expect(session.setCookie).toMatch(/^crm_session=[\w-]{40,};/);
    expect(session.setCookie).toMatch(/HttpOnly/);
    expect(session.setCookie).toMatch(/SameSite=Lax/);
    expect(session.setCookie).not.toMatch(/Secure/);

    expect(await (await get('/api/session', { cookie: session.cookie })).json()).toMatchObject({ id: mary.id });
    expect((await get('/api/deals', sessionHeaders(app, session.cookie))).status).toBe(200);
    expect((await fetch(`${app.url}/api/session`, { method: 'DELETE', headers: sessionHeaders(app, session.cookie) })).status).toBe(204);
    expect((await get('/api/session', { cookie: session.cookie })).status).toBe(204);
    expect((await get('/api/deals', sessionHeaders(app, session.cookie))).status).toBe(401);
  });

  it('refuses a wrong password or an unknown account with the same 401, changing nothing', async () => {
    const mary = await newUser('manager');
    const wrong = await signIn(app, mary.email, 'not-the-password');
    const unknown = await signIn(app, 'nobody@identity.test', 'not-the-password');
    for (const attempt of [wrong, unknown]) {
      expect(attempt.status).toBe(401);
      expect(attempt.body).toEqual({ type: 'AuthenticationException', message: 'Wrong email or password', code: 'AUTH_FAILED' });
      expect(attempt.setCookie).toBe('');
    }
    expectErrorBody({ status: (await signIn(app, '', '')).status, body: (await signIn(app, '', '')).body }, 400);
  });

  it('backs off after repeated failures for an account: 429 with Retry-After, even with the right password, until the wait is over', async () => {
    const target = await newUser('manager');
    for (let i = 0; i < 5; i++) expect((await signIn(app, target.email, `guess-${i}-wrong`)).status).toBe(401);
    const blocked = await signIn(app, target.email, TEST_USER_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(blocked.body.message).toMatch(/Too many failed sign-ins/);
    const basic = await get('/api/deals', basicAuth(target.email, TEST_USER_PASSWORD));
    expect(basic.status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, (Number(blocked.headers.get('retry-after')) + 1) * 1000));
    expect((await signIn(app, target.email, TEST_USER_PASSWORD)).status).toBe(200);
    const other = await newUser('manager');
    expect((await signIn(app, other.email, TEST_USER_PASSWORD)).status).toBe(200);
  });

  it('takes HTTP Basic with the email or the user id on /engine-rest and /api', async () => {
    const ops = await newUser('ops');
    expect((await get('/engine-rest/process-definition', basicAuth(ops.email, TEST_USER_PASSWORD))).status).toBe(200);
    expect((await get('/engine-rest/incident', basicAuth(ops.id, TEST_USER_PASSWORD))).status).toBe(200);
    expect((await get('/api/companies', basicAuth(ops.email, TEST_USER_PASSWORD))).status).toBe(200);
    expect((await get('/api/companies', basicAuth(ops.email, 'wrong-password'))).status).toBe(401);
    expect((await get('/api/companies', { authorization: 'Basic !!!' })).status).toBe(401);
    expect((await get('/api/companies', { authorization: 'Digest abc' })).status).toBe(401);
  });

  it('ends every session and Basic access when the password changes; the user gets a new session', async () => {
    const mary = await newUser('manager');
    const phone = await signIn(app, mary.email, TEST_USER_PASSWORD);
    const laptop = await signIn(app, mary.email, TEST_USER_PASSWORD);
    expect((await get('/api/deals', basicAuth(mary.email, TEST_USER_PASSWORD))).status).toBe(200);

    const change = (currentPassword: string, newPassword: string) => fetch(`${app.url}/api/session/password`, {
      method: 'PUT', headers: { ...sessionHeaders(app, laptop.cookie), 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword, newPassword }),
    });
    expect((await change('wrong-current', 'a-brand-new-password')).status).toBe(403);
    expect((await change(TEST_USER_PASSWORD, 'short')).status).toBe(400);
    const changed = await change(TEST_USER_PASSWORD, 'a-brand-new-password');
    expect(changed.status).toBe(204);
    const renewed = (changed.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(renewed).toMatch(/^crm_session=/);

    expect((await get('/api/deals', sessionHeaders(app, phone.cookie))).status).toBe(401);
    expect((await get('/api/deals', sessionHeaders(app, laptop.cookie))).status).toBe(401);
    expect((await get('/api/deals', sessionHeaders(app, renewed))).status).toBe(200);
    expect((await get('/api/deals', basicAuth(mary.email, TEST_USER_PASSWORD))).status).toBe(401);
    expect((await get('/api/deals', basicAuth(mary.email, 'a-brand-new-password'))).status).toBe(200);
  });

  it('ends a deactivated user\'s sessions and Basic access at once', async () => {
    const mary = await newUser('manager');
    const session = await signIn(app, mary.email, TEST_USER_PASSWORD);
    expect((await get('/api/deals', basicAuth(mary.email, TEST_USER_PASSWORD))).status).toBe(200);
    await admin.ok('DELETE', `/api/users/${mary.id}`);
    expect((await get('/api/deals', sessionHeaders(app, session.cookie))).status).toBe(401);
    expect((await get('/api/deals', basicAuth(mary.email, TEST_USER_PASSWORD))).status).toBe(401);
    expect((await signIn(app, mary.email, TEST_USER_PASSWORD)).status).toBe(401);
  });

  it('invites a user without a password through a one-time link, and resets a forgotten one the same way', async () => {
    const invited = await newUser('manager', {});
    expect(invited.invitation).toMatchObject({ token: expect.any(String), path: expect.stringMatching(/^\/set-password#token=/) });
    expect((await signIn(app, invited.email, 'any-password-at-all')).status).toBe(401);
    const token = invited.invitation!.token;
    const post = (path: string, body: unknown) => fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: app.url }, body: JSON.stringify(body) });
    expect(await (await post('/api/session/password-token', { token })).json()).toEqual({ name: invited.name, email: invited.email });
    expect((await post('/api/session/password', { token, newPassword: 'short' })).status).toBe(400);
    const set = await post('/api/session/password', { token, newPassword: 'my-own-password' });
    expect(set.status).toBe(200);
    expect(set.headers.get('set-cookie')).toMatch(/^crm_session=/);
    expect((await post('/api/session/password', { token, newPassword: 'another-password' })).status).toBe(404);
    expect((await signIn(app, invited.email, 'my-own-password')).status).toBe(200);

    const reset = await admin.ok<{ token: string; purpose: string }>('POST', `/api/users/${invited.id}/password-reset`);
    expect(reset.purpose).toBe('reset');
    expect((await post('/api/session/password', { token: reset.token, newPassword: 'after-the-reset' })).status).toBe(200);
    expect((await signIn(app, invited.email, 'my-own-password')).status).toBe(401);
    expect((await signIn(app, invited.email, 'after-the-reset')).status).toBe(200);
  });

  it('lets only admins set passwords, issue links and manage API keys', async () => {
    const head = await newUser('head');
    const asHead = admin.as(head.id);
    expect((await asHead.post(`/api/users/${head.id}/password-reset`)).status).toBe(403);
    expect((await asHead.put(`/api/users/${head.id}/password`, { newPassword: 'taken-over-password' })).status).toBe(403);
    expect((await asHead.post('/api/api-keys', { name: 'mine', roles: ['admin'] })).status).toBe(403);
    expect((await asHead.get('/api/api-keys')).status).toBe(403);
  });

  it('gives workers API keys scoped to roles, shown once, stored hashed, revocable', async () => {
    const created = await admin.ok<{ id: string; key: string; roles: string[] }>('POST', '/api/api-keys', { name: 'billing worker', roles: ['worker'] });
    expect(created.key).toMatch(/^crmk_[0-9a-f]{32}_[\w-]{43}$/);
    const listed = await admin.ok<Record<string, unknown>[]>('GET', '/api/api-keys');
    expect(JSON.stringify(listed)).not.toContain(created.key.slice(-43));
    expect(listed.find((k) => k['id'] === created.id)).toMatchObject({ name: 'billing worker', roles: ['worker'], actForUsers: false, revokedAt: null });

    const fetchAndLock = (headers: Record<string, string>) => fetch(`${app.rest}/external-task/fetchAndLock`, {
      method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ workerId: 'w1', maxTasks: 1, topics: [{ topicName: 'identity-topic', lockDuration: 1000 }] }),
    });
    expect((await fetchAndLock({ authorization: `Bearer ${created.key}` })).status).toBe(200);
    expect((await fetchAndLock({ 'x-api-key': created.key })).status).toBe(200);
    expect((await fetchAndLock(basicAuth('billing-worker', created.key))).status).toBe(200);
    expect((await get('/api/deals', { authorization: `Bearer ${created.key}` })).status).toBe(403);
    // the staff directory (names, emails, roles) is for people, not for a worker's key
    for (const path of ['/api/users', '/api/teams', '/api/session/users']) expect([path, (await get(path, { authorization: `Bearer ${created.key}` })).status]).toEqual([path, 403]);
    expect((await get('/engine-rest/deployment', { authorization: `Bearer ${created.key}` })).status).toBe(200);
    const deploy = new RestClient(app.rest, { authorization: `Bearer ${created.key}` });
    expectErrorBody(await deploy.deploy([{ name: 'x.bpmn', content: waitXml }]), 403, 'AuthorizationException');

    expect((await get('/engine-rest/engine', { authorization: `Bearer ${created.key.slice(0, -2)}xx` })).status).toBe(401);
    await admin.ok('DELETE', `/api/api-keys/${created.id}`);
    expect((await fetchAndLock({ authorization: `Bearer ${created.key}` })).status).toBe(401);
  });

  it('takes X-User-Id only from an API key that may act for users', async () => {
    const mary = await newUser('manager');
    const plain = await admin.ok<{ key: string }>('POST', '/api/api-keys', { name: 'plain', roles: ['worker'] });
    const broker = await admin.ok<{ key: string; id: string }>('POST', '/api/api-keys', { name: 'portal', roles: ['worker'], actForUsers: true });
    expect((await get('/api/session/users', { 'x-user-id': mary.id })).status).toBe(401);
    expect((await get('/api/session/users', { ...basicAuth(mary.email, TEST_USER_PASSWORD), 'x-user-id': mary.id })).status).toBe(401);
    expect((await get('/api/session/users', { authorization: `Bearer ${plain.key}`, 'x-user-id': mary.id })).status).toBe(401);
    expect((await get('/api/session/users', { authorization: `Bearer ${broker.key}`, 'x-user-id': 'no-such-user' })).status).toBe(401);
    const actingAs = await (await get('/api/session', { authorization: `Bearer ${broker.key}`, 'x-user-id': mary.id })).json();
    expect(actingAs).toMatchObject({ id: mary.id, role: 'manager', viaApiKey: broker.id });
    expect((await get('/api/deals', { authorization: `Bearer ${broker.key}`, 'x-user-id': mary.id })).status).toBe(200);
  });

  it('decides by role and names the role a refused request takes', async () => {
    const analyst = await newUser('analyst');
    const mary = await newUser('manager');
    const ops = await newUser('ops');
    const as = (user: User) => new RestClient(app.rest, basicAuth(user.email, TEST_USER_PASSWORD));
    expect((await as(analyst).deploy([{ name: 'a.bpmn', content: waitXml }])).status).toBe(200);
    const refused = await as(mary).deploy([{ name: 'm.bpmn', content: waitXml }]);
    expectErrorBody(refused, 403, 'AuthorizationException');
    expect(refused.body.message).toBe(`${mary.name} (manager) may not deploy or delete processes and forms: that takes the role analyst or admin`);

    const started = await as(mary).post('/process-definition/key/identity_wait/start', {});
    expect(started.status).toBe(200);
    expectErrorBody(await as(mary).delete(`/process-instance/${started.body.id}`), 403);
    expectErrorBody(await as(mary).delete(`/process-instance/${started.body.id}?skipCustomListeners=true`), 403);
    expectErrorBody(await as(analyst).delete(`/process-instance/${started.body.id}`), 403);
    expectErrorBody(await new RestClient(app.rest).delete(`/process-instance/${started.body.id}?skipCustomListeners=true`), 401);
    expectErrorBody(await as(ops).delete('/process-instance/00000000-0000-4000-8000-000000000000?skipCustomListeners=true'), 404);
    expect((await as(ops).delete(`/process-instance/${started.body.id}?skipCustomListeners=true`)).status).toBe(204);

    // every person reads the directory of users and teams (to name and assign), whatever their role
    for (const user of [analyst, mary, ops]) {
      for (const path of ['/api/users', '/api/teams', '/api/session/users']) expect([user.role, path, (await get(path, basicAuth(user.email, TEST_USER_PASSWORD))).status]).toEqual([user.role, path, 200]);
    }
  });

  it('decides on the matched route: case, slashes and encoding of the path change nothing', async () => {
    const mary = await newUser('manager');
    const asMary = basicAuth(mary.email, TEST_USER_PASSWORD);
    for (const path of [`/api/users/${mary.id}`, `/API/USERS/${mary.id}`, `/api/users/${mary.id}/`, `/Api/Users/${mary.id}`]) {
      const response = await fetch(`${app.url}${path}`, { method: 'PATCH', headers: { ...asMary, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'admin' }) });
      expect([path, response.status]).toEqual([path, 403]);
    }
    for (const path of ['/ENGINE-REST/deployment/create', '/engine-rest/Deployment/Create', '/engine-rest/deployment/create/']) {
      const form = new FormData();
      form.append('x.bpmn', new Blob([waitXml]), 'x.bpmn');
      const response = await fetch(`${app.url}${path}`, { method: 'POST', headers: asMary, body: form });
      expect([path, response.status]).toEqual([path, 403]);
    }
    expect((await admin.ok<{ role: string }>('GET', `/api/users/${mary.id}`)).role).toBe('manager');
  });

  it('has no demo users without demo data', async () => {
    // the demo users themselves: test/e2e/demo-data.spec.ts
    expect((await get('/api/session/demo')).status).toBe(204);
    expect((await signIn(app, 'oscar.ops@demo.crm', 'demo-password')).status).toBe(401);
  });
});
