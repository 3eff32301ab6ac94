import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { RestClient, expectErrorBody, type RestResponse } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const model = bpmn('e2e_bad_input', `
    <startEvent id="start"/>
    <userTask id="review"/>
    <serviceTask id="sync" camunda:type="external" camunda:topic="e2e-bad-input"/>
    <endEvent id="end"/>
    ${flows('start', 'review', 'sync', 'end')}`);

type Case = readonly [method: string, path: string, body?: unknown];

/** every client mistake is a 4xx with Camunda's {type, message}; none is a 5xx, none changes anything */
describe('REST: bad input', () => {
  let app: TestApp;
  let api: RestClient;
  let instanceId: string;
  let taskId: string;

  const send = (method: string, path: string, body?: unknown): Promise<RestResponse> => {
    if (typeof body === 'string') return api.raw(method, path, body);
    if (method === 'GET') return api.get(path);
    if (method === 'DELETE') return api.delete(path);
    return method === 'PUT' ? api.put(path, body) : api.post(path, body);
  };
  const state = async () => ({
    instances: (await api.get('/process-instance/count')).body.count,
    history: (await api.get('/history/process-instance/count')).body.count,
    tasks: (await api.get('/task', { processInstanceId: instanceId })).body.map((t: { id: string; assignee: string | null }) => [t.id, t.assignee]),
    variables: (await api.get(`/process-instance/${instanceId}/variables`)).body,
    deployments: (await api.get('/deployment/count')).body.count,
  });

  beforeAll(async () => {
    app = await startTestApp();
    api = new RestClient(app.rest, app.adminAuth);
    expect((await api.deploy([{ name: 'bad-input.bpmn', content: model }])).status).toBe(200);
    const started = await api.post('/process-definition/key/e2e_bad_input/start', { businessKey: 'bad-1', variables: { amount: { value: 1, type: 'Integer' } } });
    instanceId = started.body.id;
    taskId = (await api.get('/task', { processInstanceId: instanceId })).body[0].id;
  });
  afterAll(() => app.close());

  const invalidJson = '{"variables": {"amount": ';
  const badRequests = (): Case[] => [
    ['POST', '/process-definition/key/e2e_bad_input/start', invalidJson],
    ['POST', '/process-definition/key/e2e_bad_input/start', '[1, 2'],
    ['POST', '/process-definition/key/e2e_bad_input/start', { variables: 'amount=5' }],
    ['POST', '/process-definition/key/e2e_bad_input/start', { variables: { amount: { value: 'five', type: 'Integer' } } }],
    ['POST', '/process-definition/key/e2e_bad_input/start', { variables: { amount: { value: 1, type: 'Money' } } }],
    ['POST', '/process-definition/key/e2e_bad_input/start', { variables: { when: { value: 'next week', type: 'Date' } } }],
    ['POST', '/process-definition/key/e2e_bad_input/start', { variables: { data: { value: '{not json', type: 'Json' } } }],
    ['POST', '/process-definition/key/e2e_bad_input/start', { variables: { big: { value: 2 ** 40, type: 'Integer' } } }],
    ['POST', '/process-definition/key/e2e_bad_input/start', { businessKey: 42 }],
    ['POST', '/process-definition/key/e2e_bad_input/start', { withVariablesInReturn: 'yes' }],
    ['POST', `/task/${taskId}/complete`, invalidJson],
    ['POST', `/task/${taskId}/complete`, { variables: [1, 2, 3] }],
    ['POST', `/task/${taskId}/complete`, { variables: { ok: { value: 'maybe', type: 'Boolean' } } }],
    ['POST', `/task/${taskId}/claim`, { userId: 7 }],
    ['POST', `/task/${taskId}/claim`, invalidJson],
    ['PUT', `/task/${taskId}`, { due: 'tomorrow' }],
    ['PUT', `/task/${taskId}`, { priority: 'high' }],
    ['POST', `/process-instance/${instanceId}/variables`, { modifications: { amount: { value: 'x', type: 'Long' } } }],
    ['POST', `/process-instance/${instanceId}/variables`, { deletions: 'amount' }],
    ['PUT', `/process-instance/${instanceId}/variables/amount`, { value: 'lots', type: 'Double' }],
    ['POST', '/external-task/fetchAndLock', invalidJson],
    ['POST', '/external-task/fetchAndLock', { workerId: 'w', maxTasks: -1, topics: [] }],
    ['POST', '/external-task/fetchAndLock', { workerId: 'w', topics: 'e2e-bad-input' }],
    ['POST', '/external-task/fetchAndLock', { workerId: 'w', topics: [{ topicName: 'e2e-bad-input' }] }],
    ['POST', '/external-task/fetchAndLock', { workerId: 'w', asyncResponseTimeout: 'soon', topics: [] }],
    ['POST', '/message', invalidJson],
    ['POST', '/message', { messageName: 'm', processVariables: 'x' }],
    ['POST', '/message', { messageName: 'm', correlationKeys: { k: { value: 1, type: 'Nope' } } }],
    ['POST', '/message', { messageName: 7 }],
    ['POST', '/signal', invalidJson],
    ['POST', '/signal', { name: 'e2e-sig', variables: { v: { value: 'x', type: 'Short' } } }],
    ['PUT', '/job/any/retries', invalidJson],
    ['GET', '/task?maxResults=many'],
    ['GET', '/task?firstResult=-3'],
    ['GET', '/task?sortBy=created'],
    ['GET', '/task?sortBy=created&sortOrder=up'],
    ['GET', '/task?dueAfter=soon'],
    ['GET', '/task?processVariables=amount_bigger_5'],
    ['GET', '/process-instance?variables=amount'],
    ['GET', '/process-instance?suspended=sometimes'],
    ['GET', '/history/process-instance?startedBefore=yesterday'],
    ['GET', '/history/activity-instance?sortOrder=asc'],
    ['GET', '/history/variable-instance?sortBy=name&sortOrder=sideways'],
    ['GET', '/history/task/count?finished=perhaps'],
    ['GET', '/external-task?locked=maybe'],
    ['GET', '/job?timers=often'],
    ['GET', '/incident?sortBy=incidentType'],
    ['GET', '/process-definition?version=latest'],
    ['GET', '/deployment?after=later'],
  ];

  const unknownIds = (): Case[] => [
    ['GET', '/process-definition/no-such-definition'],
    ['GET', '/process-definition/no-such-definition/xml'],
    ['GET', '/process-definition/key/no_such_key'],
    ['GET', '/process-definition/key/no_such_key/xml'],
    ['POST', '/process-definition/key/no_such_key/start', {}],
    ['POST', '/process-definition/no-such-definition/start', {}],
    ['GET', '/process-instance/no-such-instance'],
    ['DELETE', '/process-instance/no-such-instance'],
    ['GET', '/process-instance/no-such-instance/variables'],
    ['GET', '/process-instance/no-such-instance/activity-instances'],
    ['GET', `/process-instance/${instanceId}/variables/no_such_variable`],
    ['GET', '/task/no-such-task'],
    ['POST', '/task/no-such-task/complete', {}],
    ['POST', '/task/no-such-task/claim', { userId: 'mary' }],
    ['GET', '/task/no-such-task/variables'],
    ['GET', '/external-task/no-such-task'],
    ['POST', '/external-task/no-such-task/complete', { workerId: 'w' }],
    ['POST', '/external-task/no-such-task/bpmnError', { workerId: 'w', errorCode: 'E' }],
    ['POST', '/external-task/no-such-task/extendLock', { workerId: 'w', newDuration: 1000 }],
    ['POST', '/external-task/no-such-task/unlock'],
    ['GET', '/job/no-such-job'],
    ['POST', '/job/no-such-job/execute'],
    ['PUT', '/job/no-such-job/retries', { retries: 1 }],
    ['GET', '/deployment/no-such-deployment'],
    ['GET', '/deployment/no-such-deployment/resources'],
    ['GET', '/history/process-instance/no-such-instance'],
    ['GET', '/no-such-resource'],
  ];

  it('answers 400 with {type, message} for malformed bodies, wrong types and bad query parameters, and changes nothing', async () => {
    const before = await state();
    const answers: string[] = [];
    for (const [method, path, body] of badRequests()) {
      const response = await send(method, path, body);
      answers.push(`${method} ${path} ${JSON.stringify(body)} → ${response.status} ${typeof response.body?.type} ${typeof response.body?.message}`);
    }
    expect(answers.filter((a) => !a.endsWith('→ 400 string string'))).toEqual([]);
    expect(await state()).toEqual(before);
  });

  it('answers 404 with {type, message} for unknown ids', async () => {
    const answers: string[] = [];
    for (const [method, path, body] of unknownIds()) {
      const response = await send(method, path, body);
      answers.push(`${method} ${path} → ${response.status} ${typeof response.body?.type} ${typeof response.body?.message}`);
    }
    expect(answers.filter((a) => !a.endsWith('→ 404 string string'))).toEqual([]);
  });

  it('names the field a body got wrong', async () => {
    const response = await api.post('/process-definition/key/e2e_bad_input/start', { variables: { amount: { value: 'five', type: 'Integer' } } });
    expectErrorBody(response, 400, 'InvalidRequestException', 'ENGINE_VARIABLE_INVALID');
    expect(response.body).toMatchObject({ code: 0, errorCode: 'ENGINE_VARIABLE_INVALID' });
    expect(response.body.message).toContain('amount');
    const fetch = await api.post('/external-task/fetchAndLock', { topics: [] });
    expectErrorBody(fetch, 400);
    expect(fetch.body.message).toContain('workerId');
  });

  it('answers 413 for a body over the limit and keeps serving', async () => {
    const huge = JSON.stringify({ variables: { blob: { value: 'x'.repeat(17 * 1024 * 1024), type: 'String' } } });
    const response = await api.raw('POST', '/process-definition/key/e2e_bad_input/start', huge);
    expectErrorBody(response, 413, 'InvalidRequestException', 'HTTP_BODY_TOO_LARGE');
    expect((await api.get('/process-definition/key/e2e_bad_input')).status).toBe(200);
  });

  it('keeps the task and the instance usable after all of it', async () => {
    expect((await api.post(`/task/${taskId}/complete`, {})).status).toBe(204);
    expect((await api.get('/task', { processInstanceId: instanceId })).body).toEqual([]);
    expect((await api.get('/external-task/count', { processInstanceId: instanceId })).body).toEqual({ count: 1 });
  });
});
