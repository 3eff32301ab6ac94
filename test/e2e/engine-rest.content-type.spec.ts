import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { RestClient } from '../support/rest-client.js';
import { basicAuth, startTestApp, type TestApp } from '../support/test-app.js';

// HTTP round trips against a real app and database: more than jest's default 5 s under load

const model = bpmn('content_type', `
    <startEvent id="start"/>
    <serviceTask id="work" camunda:type="external" camunda:topic="content-type-topic"/>
    <endEvent id="end"/>
    ${flows('start', 'work', 'end')}`);

interface Answer { status: number; contentType: string | null; wwwAuthenticate: string | null; text: string }

/**
 * Camunda 7 answers JSON with `Content-Type: application/json`, no charset, and clients rely on it:
 * camunda-external-task-client-js parses a body only when the header is exactly that. So does every
 * /engine-rest answer here, success or error, whoever writes it; a 204 has neither body nor type.
 */
describe('REST: content types and status codes as Camunda 7 sends them', () => {
  let app: TestApp;
  let api: RestClient;
  let definitionId: string;

  const send = async (method: string, path: string, init: { body?: string; headers?: Record<string, string>; auth?: boolean } = {}): Promise<Answer> => {
    const headers = { ...(init.auth === false ? {} : app.adminAuth), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers };
    const response = await fetch(`${app.url}${path}`, { method, headers, body: init.body });
    return { status: response.status, contentType: response.headers.get('content-type'), wwwAuthenticate: response.headers.get('www-authenticate'), text: await response.text() };
  };
  const expectCamundaJson = (answer: Answer, status: number) => {
    expect({ status: answer.status, contentType: answer.contentType }).toEqual({ status, contentType: 'application/json' });
    return JSON.parse(answer.text);
  };
  const expectCamundaError = (answer: Answer, status: number, type?: string) => {
    expect(expectCamundaJson(answer, status)).toEqual({ type: type ?? expect.any(String), message: expect.any(String), code: expect.any(Number), errorCode: expect.any(String) });
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { ENGINE_REST_BODY_MAX_BYTES: '4096' } });
    api = new RestClient(app.rest, app.adminAuth);
    const deployed = await api.deploy([{ name: 'content-type.bpmn', content: model }]);
    definitionId = Object.keys(deployed.body.deployedProcessDefinitions)[0]!;
  });
  afterAll(() => app?.close());

  it('answers 200 JSON as exactly application/json, however the path is spelled', async () => {
    expect(expectCamundaJson(await send('GET', '/engine-rest/engine'), 200)).toEqual([{ name: 'default' }]);
    expect(expectCamundaJson(await send('GET', '/ENGINE-REST/engine'), 200)).toEqual([{ name: 'default' }]);
    expect(expectCamundaJson(await send('GET', '/engine-rest/version'), 200)).toEqual({ version: expect.any(String) });
    expect(expectCamundaJson(await send('GET', `/engine-rest/process-definition?key=content_type`), 200)).toEqual([expect.objectContaining({ id: definitionId })]);
    const started = expectCamundaJson(await send('POST', `/engine-rest/process-definition/${definitionId}/start`, { body: JSON.stringify({ businessKey: 'ct-1' }) }), 200);
    expect(started).toMatchObject({ definitionId, businessKey: 'ct-1', ended: false });
  });

  it('answers the external task calls of camunda-external-task-client-js as Camunda does: JSON, then 204 without body or type', async () => {
    await api.post(`/process-definition/${definitionId}/start`, { businessKey: 'ct-2' });
    const locked = expectCamundaJson(await send('POST', '/engine-rest/external-task/fetchAndLock', {
      body: JSON.stringify({ workerId: 'ct-worker', maxTasks: 1, topics: [{ topicName: 'content-type-topic', lockDuration: 60_000, businessKey: 'ct-2' }] }),
    }), 200) as { id: string }[];
    expect(locked).toHaveLength(1);
    const taskId = locked[0]!.id;
    for (const [path, body] of [
      ['extendLock', { workerId: 'ct-worker', newDuration: 120_000 }],
      ['complete', { workerId: 'ct-worker', variables: { done: { value: true, type: 'boolean' } } }],
    ] as const) {
      const answer = await send('POST', `/engine-rest/external-task/${taskId}/${path}`, { body: JSON.stringify(body) });
      expect({ path, status: answer.status, contentType: answer.contentType, text: answer.text }).toEqual({ path, status: 204, contentType: null, text: '' });
    }
    expectCamundaError(await send('POST', `/engine-rest/external-task/${taskId}/complete`, { body: JSON.stringify({ workerId: 'ct-worker' }) }), 404, 'InvalidRequestException');
  });

  it('answers errors as {type, message} in application/json: bad input, unknown ids and routes, too large, hostile', async () => {
    expectCamundaError(await send('POST', `/engine-rest/process-definition/${definitionId}/start`, { body: '{"businessKey": ' }), 400, 'InvalidRequestException');
    expectCamundaError(await send('POST', '/engine-rest/external-task/fetchAndLock', { body: JSON.stringify({ maxTasks: 1 }) }), 400);
    expectCamundaError(await send('GET', '/engine-rest/process-definition/no-such-definition'), 404);
    expectCamundaError(await send('GET', '/engine-rest/no-such-resource'), 404, 'NotFoundException');
    expectCamundaError(await send('POST', `/engine-rest/process-definition/${definitionId}/start`, { body: JSON.stringify({ businessKey: 'x'.repeat(8192) }) }), 413, 'InvalidRequestException');
    expectCamundaError(await send('GET', '/engine-rest/process-definition?key=a%00b'), 400, 'InvalidRequestException');
  });

  it('answers 401 with a Basic challenge and a JSON body, without and with wrong credentials', async () => {
    for (const headers of [{}, basicAuth(app.admin.email, 'not-the-password')]) {
      const answer = await send('GET', '/engine-rest/process-definition', { auth: false, headers });
      expectCamundaError(answer, 401, 'AuthenticationException');
      expect(answer.wwwAuthenticate).toMatch(/^Basic realm="[^"]+"/);
    }
  });

  it('answers the bare base path with where to go next, to anyone, as Camunda JSON', async () => {
    for (const path of ['/engine-rest', '/engine-rest/']) {
      expect(expectCamundaJson(await send('GET', path, { auth: false }), 200)).toEqual(expect.objectContaining({
        engines: '/engine-rest/engine', version: '/engine-rest/version', docs: '/docs', authentication: expect.stringContaining('HTTP Basic'),
      }));
    }
  });

  it('leaves the CRM API, health and downloads as they were', async () => {
    expect((await send('GET', '/api/session')).contentType).toBe('application/json; charset=utf-8');
    expect((await send('GET', '/health')).contentType).toBe('application/json; charset=utf-8');
    const [resource] = (await api.get(`/deployment/${(await api.get(`/process-definition/${definitionId}`)).body.deploymentId}/resources`)).body;
    const download = await send('GET', `/engine-rest/deployment/${resource.deploymentId}/resources/${resource.id}/data`);
    expect({ status: download.status, contentType: download.contentType }).toEqual({ status: 200, contentType: expect.not.stringMatching(/^application\/json/) });
  });
});
