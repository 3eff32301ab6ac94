import { bpmn, flows } from '../../../engine/testing/bpmn-fixture.js';
import { expectErrorBody, RestClient } from '../../support/rest-client.js';
import { signIn } from '../../support/sessions.js';
import { startTestApp, TEST_USER_PASSWORD, type TestApp } from '../../support/test-app.js';

const EVIL = 'https://evil.example';

interface Answer {
  readonly status: number;
  readonly body: any;
}

describe('cross-site requests and request body types', () => {
  let app: TestApp;
  let api: RestClient;
  let cookie: string;

  /** as an API client with the admin's HTTP Basic, unless the request carries a session cookie */
  const send = async (method: string, path: string, headers: Record<string, string> = {}, body?: string | FormData): Promise<Answer> => {
    const credentials = headers['cookie'] === undefined ? app.adminAuth : {};
    const response = await fetch(`${app.url}${path}`, { method, headers: { ...credentials, ...headers }, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    return { status: response.status, body: text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
  };
  const json = { 'content-type': 'application/json' };
  const company = (name: string) => JSON.stringify({ name, type: 'client', primaryContact: { fullName: `${name} Contact` } });
  const companyCount = async (name: string) => (await send('GET', `/api/companies?q=${encodeURIComponent(name)}`)).body.total as number;

  beforeAll(async () => {
    app = await startTestApp();
    api = new RestClient(app.rest, app.adminAuth);
    const email = `csrf.admin.${Date.now()}@example.com`;
    expect((await send('POST', '/api/users', json, JSON.stringify({ name: 'Csrf Admin', email, role: 'admin', password: TEST_USER_PASSWORD }))).status).toBe(201);
    const signedIn = await signIn(app, email, TEST_USER_PASSWORD);
    expect(signedIn.status).toBe(200);
    cookie = signedIn.cookie;
    expect(cookie).toMatch(/^crm_session=/);
    const deployed = await api.deploy([{ name: 'csrf.bpmn', content: bpmn('e2e_csrf', `<startEvent id="start"/><userTask id="work"/><endEvent id="end"/>${flows('start', 'work', 'end')}`) }]);
    expect(deployed.status).toBe(200);
  });
  afterAll(() => app?.close());

  describe('with the session cookie', () => {
    it.each([
      ['a foreign Origin', { origin: EVIL }, /Refused a cross-site POST request: it comes from 'https:\/\/evil.example', not from http:\/\/127.0.0.1:\d+/],
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, /the browser says another site sent it \(Sec-Fetch-Site: cross-site\)/],
      ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1' }, /Sec-Fetch-Site: same-site/],
      ['a foreign Referer and no Origin', { referer: `${EVIL}/form.html` }, /sent from a page of https:\/\/evil.example/],
      ['nothing that shows where it came from', {}, /neither Sec-Fetch-Site, Origin nor Referer/],
    ])('refuses a change sent with %s: 403, nothing changed', async (_what, headers, why) => {
      const name = `Forged ${Math.random().toString(36).slice(2, 8)}`;
      const answer = await send('POST', '/api/companies', { cookie, ...json, ...headers }, company(name));
      expectErrorBody(answer, 403, 'AuthorizationException');
      expect(answer.body.message).toMatch(why);
      expect(await companyCount(name)).toBe(0);
    });

    it.each([
      ['Sec-Fetch-Site: same-origin', () => ({ 'sec-fetch-site': 'same-origin' })],
      ['our Origin', () => ({ origin: app.url })],
      ['our Referer', () => ({ referer: `${app.url}/tasklist` })],
    ])('accepts a change sent with %s', async (_what, headers) => {
      const name = `Genuine ${Math.random().toString(36).slice(2, 8)}`;
      const answer = await send('POST', '/api/companies', { cookie, ...json, ...headers() }, company(name));
      expect(answer.status).toBe(201);
      expect(await companyCount(name)).toBe(1);
    });

    it('guards the engine API, sign-out and bodiless commands the same way', async () => {
      const cross = { cookie, origin: EVIL };
      expectErrorBody(await send('POST', '/engine-rest/process-definition/key/e2e_csrf/start', { ...cross, ...json }, '{}'), 403, 'AuthorizationException');
      expectErrorBody(await send('POST', '/engine-rest/job/no-such-job/execute', cross), 403, 'AuthorizationException');
      expectErrorBody(await send('DELETE', '/api/session', cross), 403, 'AuthorizationException');
      expect((await send('GET', '/api/session', { cookie })).status).toBe(200);
    });

    it('answers 403 before the sign-in guard looks at the cookie', async () => {
      const answer = await send('POST', '/api/companies', { cookie: 'crm_session=forged', origin: EVIL, ...json }, company('Never'));
      expectErrorBody(answer, 403, 'AuthorizationException');
    });

    it('lets reads through from anywhere', async () => {
      expect((await send('GET', '/engine-rest/process-definition', { cookie, origin: EVIL, 'sec-fetch-site': 'cross-site' })).status).toBe(200);
    });
  });

  describe('without the session cookie', () => {
    it('lets API clients through: they send no browser headers', async () => {
      const name = `Scripted ${Math.random().toString(36).slice(2, 8)}`;
      expect((await send('POST', '/api/companies', json, company(name))).status).toBe(201);
      expect((await api.post('/process-definition/key/e2e_csrf/start', {})).status).toBe(200);
    });

    it('refuses a sign-in another site makes the browser send (login CSRF), and takes the web app\'s', async () => {
      const body = JSON.stringify({ email: app.admin.email, password: app.admin.password });
      expectErrorBody(await send('POST', '/api/session', { ...json, origin: EVIL }, body), 403, 'AuthorizationException');
      expectErrorBody(await send('POST', '/api/session', { ...json, 'sec-fetch-site': 'cross-site' }, body), 403, 'AuthorizationException');
      expect((await send('POST', '/api/session', { ...json, 'sec-fetch-site': 'same-origin', origin: app.url }, body)).status).toBe(200);
    });

    it('takes the public web form from another site, URL-encoded as an HTML form posts it', async () => {
      const form = new URLSearchParams({ name: 'Wendy Web', email: 'wendy@web.example', phone: '', estimatedAmount: '2500', website: '' });
      const answer = await send('POST', '/api/public/leads', { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://www.our-company.example', 'sec-fetch-site': 'cross-site' }, form.toString());
      expect(answer).toEqual({ status: 202, body: { status: 'received', reference: expect.any(String) } });
      expect((await send('GET', `/api/leads/${answer.body.reference}`)).body).toMatchObject({ personName: 'Wendy Web', estimatedAmount: 2500, source: 'web_form' });
      expectErrorBody(await send('POST', '/api/public/leads', { 'content-type': 'text/plain' }, 'name=x'), 415);
    });
  });

  describe('request body types', () => {
    const start = '/engine-rest/process-definition/key/e2e_csrf/start';

    it.each([
      ['text/plain', 'text/plain', '{}'],
      ['a form post', 'application/x-www-form-urlencoded', 'businessKey=x'],
      ['a JSON look-alike', 'application/jsonp', '{}'],
    ])('refuses %s on a JSON route with 415 naming what it expects, and starts nothing', async (_what, contentType, body) => {
      const before = (await api.get('/process-instance/count', { processDefinitionKey: 'e2e_csrf' })).body.count;
      const answer = await send('POST', start, { 'content-type': contentType }, body);
      expectErrorBody(answer, 415, 'InvalidRequestException');
      expect(answer.body.message).toBe(`Content-Type '${contentType}' is not accepted here: expected application/json`);
      expect((await api.get('/process-instance/count', { processDefinitionKey: 'e2e_csrf' })).body.count).toBe(before);
    });

    it('refuses a body without a Content-Type', async () => {
      const answer = await fetch(`${app.url}${start}`, { method: 'POST', body: new Blob(['{}']) });
      expect(answer.status).toBe(415);
      expect(await answer.json()).toEqual({ type: 'InvalidRequestException', message: 'a request body needs Content-Type application/json', code: 0, errorCode: 'HTTP_UNSUPPORTED_MEDIA_TYPE' });
    });

    it('decides on the route matched, however the path is spelled', async () => {
      for (const path of [`${start}/`, '/engine-rest/Process-Definition/key/e2e_csrf/START', '/engine-rest/process-definition/key/%65%32%65_csrf/start', '/engine-rest/process-definition/key/e2e_csrf/start?x=/api/public/leads']) {
        const answer = await send('POST', path, { 'content-type': 'text/plain' }, '{}');
        expect({ path, status: answer.status }).toEqual({ path, status: 415 });
      }
      for (const path of ['//engine-rest/process-definition/key/e2e_csrf/start', '/engine-rest/process-definition/key/e2e_csrf/%73tart', '/api/public/leads/../../engine-rest/process-definition/key/e2e_csrf/start']) {
        const answer = await send('POST', path, { 'content-type': 'text/plain' }, '{}');
        expect({ path, refused: [404, 415].includes(answer.status) }).toEqual({ path, refused: true });
      }
    });

    it('takes only multipart on the deployment upload', async () => {
      expectErrorBody(await send('POST', '/engine-rest/deployment/create', json, '{"deployment-name":"x"}'), 415);
      expectErrorBody(await send('POST', '/engine-rest/deployment/create', { 'content-type': 'application/x-www-form-urlencoded' }, 'deployment-name=x'), 415);
      const form = new FormData();
      form.set('deployment-name', 'no files');
      expectErrorBody(await send('POST', '/engine-rest/deployment/create', {}, form), 400, 'InvalidRequestException');
    });

    it('needs no Content-Type for a request without a body', async () => {
      expectErrorBody(await send('POST', '/engine-rest/job/no-such-job/execute'), 404);
      expectErrorBody(await send('DELETE', '/engine-rest/process-instance/no-such-instance'), 404);
    });
  });
});
