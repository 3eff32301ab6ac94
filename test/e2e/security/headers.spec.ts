import { CONTENT_SECURITY_POLICY } from '../../../app/http-safety/security-headers.js';
import { bpmn, flows } from '../../../engine/testing/bpmn-fixture.js';
import { logLines } from '../../support/log-lines.js';
import { RestClient } from '../../support/rest-client.js';
import { signIn } from '../../support/sessions.js';
import { startTestApp, TEST_USER_PASSWORD, type TestApp } from '../../support/test-app.js';

/** markup that runs a script wherever a browser renders it as a page of ours */
const SCRIPTED = '<html xmlns="http://www.w3.org/1999/xhtml"><body><script>fetch("/api/session/users")</script><form name="review"></form></body></html>';

const reviewModel = bpmn('e2e_embedded_form', `
  <startEvent id="start"/>
  <userTask id="review" camunda:formKey="embedded:deployment:review.html"/>
  <endEvent id="end"/>
  ${flows('start', 'review', 'end')}`);

const SANDBOX = "sandbox; default-src 'none'; frame-ancestors 'none'";

describe('answers a browser can trust', () => {
  let app: TestApp;
  let api: RestClient;
  const { stream: logStream, lines } = logLines();

  beforeAll(async () => {
    app = await startTestApp({ env: { LOG_LEVEL: 'info', TRUST_PROXY: 'loopback' }, logStream });
    api = new RestClient(app.rest, app.adminAuth);
  });
  afterAll(() => app?.close());

  /** a session cookie of a new admin */
  async function adminSession(): Promise<string> {
    const email = `header.admin.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@example.com`;
    const user = await fetch(`${app.url}/api/users`, {
      method: 'POST',
      headers: { ...app.adminAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Header Admin', email, role: 'admin', password: TEST_USER_PASSWORD }),
    });
    expect(user.status).toBe(201);
    return (await signIn(app, email, TEST_USER_PASSWORD)).cookie;
  }

  describe('security headers', () => {
    it.each(['/engine-rest/version', '/api/session/users', '/docs', '/engine-rest/no-such-endpoint'])('are on %s', async (path) => {
      const response = await fetch(`${app.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      for (const [directive, sources] of Object.entries(CONTENT_SECURITY_POLICY)) expect(csp).toContain(`${directive} ${sources.join(' ')}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('strict-transport-security')).toBeNull();
    });

    it.each([
      ['/engine-rest/version', 200, 'admin'],
      ['/engine-rest/task', 200, 'admin'],
      ['/ENGINE-REST/task', 200, 'admin'],
      ['/engine-rest/task', 401, undefined],
      ['/api/session/users', 401, undefined],
      ['/api/deals', 200, 'admin'],
      ['/engine-rest/no-such-endpoint', 404, 'admin'],
      ['/health', 200, undefined],
      ['/metrics', 200, 'admin'],
    ])('asks that no browser or proxy keep the answer to %s (%i), and sends no ETag for it', async (path, status, who) => {
      const response = await fetch(`${app.url}${path}`, { headers: who ? app.adminAuth : {} });
      expect(response.status).toBe(status);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('etag')).toBeNull();
    });

    it('leaves the caching of the API docs to the docs', async () => {
      const response = await fetch(`${app.url}/docs`);
      expect(response.headers.get('cache-control')).not.toBe('no-store');
    });

    it('sends HSTS only over TLS: here, behind a trusted proxy that says https', async () => {
      const response = await fetch(`${app.url}/engine-rest/version`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(response.headers.get('strict-transport-security')).toBe('max-age=15552000');
    });

    it('compares Origin with the scheme and host the trusted proxy forwards', async () => {
      const cookie = await adminSession();
      const forwarded = { cookie, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'crm.example' };
      expect((await fetch(`${app.url}/api/session`, { method: 'DELETE', headers: { ...forwarded, origin: app.url } })).status).toBe(403);
      expect((await fetch(`${app.url}/api/session`, { method: 'DELETE', headers: { ...forwarded, origin: 'https://crm.example' } })).status).toBe(204);
    });
  });

  describe('uploaded content', () => {
    let deploymentId: string;
    let taskId: string;

    beforeAll(async () => {
      const deployed = await api.deploy([{ name: 'review.bpmn', content: reviewModel }, { name: 'review.html', content: SCRIPTED }]);
      expect(deployed.status).toBe(200);
      deploymentId = deployed.body.id;
      await api.post('/process-definition/key/e2e_embedded_form/start', {});
      taskId = (await api.get('/task', { processDefinitionKey: 'e2e_embedded_form' })).body[0].id;
    });

    it('leaves as a sandboxed download, never as a page of ours', async () => {
      const resources = (await api.get(`/deployment/${deploymentId}/resources`)).body as { id: string; name: string }[];
      for (const resource of resources) {
        const response = await fetch(`${app.rest}/deployment/${deploymentId}/resources/${resource.id}/data`, { headers: app.adminAuth });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^application\/octet-stream/);
        expect(response.headers.get('content-disposition')).toBe(`attachment; filename=${resource.name}`);
        expect(response.headers.get('content-security-policy')).toBe(SANDBOX);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      }
      const html = resources.find((r) => r.name === 'review.html')!;
      expect(await (await fetch(`${app.rest}/deployment/${deploymentId}/resources/${html.id}/data`, { headers: app.adminAuth })).text()).toBe(SCRIPTED);
    });

    it("serves a task's embedded form the same way (Camunda clients read it as text)", async () => {
      const response = await fetch(`${app.rest}/task/${taskId}/deployed-form`, { headers: app.adminAuth });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/xhtml\+xml/);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename=review.html');
      expect(response.headers.get('content-security-policy')).toBe(SANDBOX);
      expect(await response.text()).toBe(SCRIPTED);
    });

    it('names the file safely whatever the upload called it', async () => {
      const name = 'dir/../"quoted"\r\nSet-Cookie: x=1 ünï.xml';
      const form = new FormData();
      form.set('deployment-name', 'odd names');
      form.append('data', new Blob(['<notes/>'], { type: 'application/xml' }), name);
      const deployed = await fetch(`${app.rest}/deployment/create`, { method: 'POST', body: form, headers: app.adminAuth });
      const id = ((await deployed.json()) as { id: string }).id;
      const [resource] = (await api.get(`/deployment/${id}/resources`)).body as { id: string; name: string }[];
      const response = await fetch(`${app.rest}/deployment/${id}/resources/${resource!.id}/data`, { headers: app.adminAuth });
      expect(response.headers.get('set-cookie')).toBeNull();
      const disposition = response.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^attachment; filename="[^"/\\\r\n]*(\\"[^"/\\\r\n]*)*"; filename\*=UTF-8''\S+$/);
      expect(disposition).not.toContain('/');
    });
  });

  describe('the request log', () => {
    interface RequestLine {
      readonly reqId?: string;
      readonly method?: string;
      readonly url?: string;
      readonly route?: string;
      readonly status?: number;
      readonly userId?: string;
    }
    const requestLines = () => lines.map((line) => JSON.parse(line) as RequestLine).filter((line) => line.status !== undefined);

    /** the request line of this answer, once written (lines are written once the answer has gone out) */
    async function lineOf(response: Response): Promise<RequestLine> {
      const id = response.headers.get('x-request-id');
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const line = requestLines().find((entry) => entry.reqId === id);
        if (line) return line;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`Expected a request line for request ${id}, but none was written`);
    }

    it('writes no line at info for a successful Camunda REST call, but one for a 404 and a 400, naming route, status and user', async () => {
      const quiet = await fetch(`${app.rest}/version`, { headers: app.adminAuth });
      expect(quiet.status).toBe(200);
      const quietId = quiet.headers.get('x-request-id');
      expect(quietId).toMatch(/^[0-9a-f-]{36}$/);
      const missing = await fetch(`${app.rest}/task/no-such-task`, { headers: app.adminAuth });
      expect(missing.status).toBe(404);
      expect(await lineOf(missing)).toMatchObject({ method: 'GET', url: '/engine-rest/task/no-such-task', route: '/engine-rest/task/:id', status: 404, userId: expect.any(String) });
      const refused = await fetch(`${app.rest}/task?sortBy=nonsense&sortOrder=asc`, { headers: app.adminAuth });
      expect(refused.status).toBe(400);
      expect(await lineOf(refused)).toMatchObject({ route: '/engine-rest/task', status: 400 });
      expect(requestLines().filter((line) => line.reqId === quietId)).toEqual([]);
    });

    it('keeps the X-Request-Id a proxy sends', async () => {
      const response = await fetch(`${app.rest}/task/no-such-task`, { headers: { ...app.adminAuth, 'x-request-id': 'edge-4711' } });
      expect(response.headers.get('x-request-id')).toBe('edge-4711');
      expect(await lineOf(response)).toMatchObject({ reqId: 'edge-4711', status: 404 });
    });

    it('holds no cookie, Authorization header, API key, Set-Cookie or reset token', async () => {
      const cookie = await adminSession();
      const token = cookie.slice('crm_session='.length);
      const basic = `Basic ${Buffer.from('ada:correct horse battery staple').toString('base64')}`;
      await fetch(`${app.url}/engine-rest/task?token=reset-4f1c9a&password=hunter2`, { headers: { cookie, authorization: basic, 'x-api-key': 'key-8d2e' } });
      await fetch(`${app.url}/api/session`, { method: 'DELETE', headers: { cookie, origin: app.url } });
      const log = lines.join('');
      expect(log).toContain('/engine-rest/task?token=[Redacted]&password=[Redacted]');
      expect(log).not.toContain('"headers"');
      expect(log).not.toContain('crm_session');
      for (const secret of [token, basic.slice('Basic '.length), 'reset-4f1c9a', 'hunter2', 'key-8d2e']) expect(log).not.toContain(secret);
    });
  });
});
