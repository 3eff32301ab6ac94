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

  it('keeps a variable named __proto__ (Camunda takes any name) instead of dropping it without a word', async () => {
    const variables = JSON.parse('{"__proto__": {"value": 1, "type": "Integer"}, "amount": {"value": 5, "type": "Integer"}}') as Record<string, unknown>;
    const started = await api.post<{ id: string }>('/process-definition/key/e2e_bad_input/start', { variables });
    expect(started.status).toBe(200);
    const stored = (await api.get<Record<string, { value: unknown }>>(`/process-instance/${started.body.id}/variables`)).body;
    expect(Object.hasOwn(stored, '__proto__') && stored['__proto__']!.value).toBe(1);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect((await api.get<{ value: unknown }>(`/process-instance/${started.body.id}/variables/__proto__`)).body.value).toBe(1);
  });

  it('answers 413 for a body over the limit and keeps serving', async () => {
    const huge = JSON.stringify({ variables: { blob: { value: 'x'.repeat(17 * 1024 * 1024), type: 'String' } } });
    const response = await api.raw('POST', '/process-definition/key/e2e_bad_input/start', huge);
    expectErrorBody(response, 413, 'InvalidRequestException', 'HTTP_BODY_TOO_LARGE');
    expect((await api.get('/process-definition/key/e2e_bad_input')).status).toBe(200);
  });

  /** numbers and dates beyond what the engine stores (32-bit columns, the years 0001-9999) are refused before they reach the database */
  describe('out-of-range numbers and dates', () => {
    const ranges = bpmn('e2e_bad_ranges', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      <serviceTask id="work" camunda:type="external" camunda:topic="e2e-bad-ranges"/>
      <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></intermediateCatchEvent>
      <userTask id="check"/>
      <endEvent id="workEnd"/><endEvent id="waitEnd"/><endEvent id="checkEnd"/>
      <sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
      <sequenceFlow id="f2" sourceRef="fork" targetRef="work"/>
      <sequenceFlow id="f3" sourceRef="fork" targetRef="wait"/>
      <sequenceFlow id="f4" sourceRef="fork" targetRef="check"/>
      ${flows('work', 'workEnd')}${flows('wait', 'waitEnd')}${flows('check', 'checkEnd')}`);
    const lateDue = bpmn('e2e_bad_due', `<startEvent id="start"/><userTask id="late" camunda:dueDate="9999-12-31T23:00:00-05:00"/><endEvent id="end"/>${flows('start', 'late', 'end')}`);
    const farDue = bpmn('e2e_bad_far_due', `<startEvent id="start"/><userTask id="far" camunda:dueDate="P9000Y"/><endEvent id="end"/>${flows('start', 'far', 'end')}`);
    const farTimer = bpmn('e2e_bad_far_timer', `<startEvent id="start"/><intermediateCatchEvent id="later"><timerEventDefinition><timeDuration>P9000Y</timeDuration></timerEventDefinition></intermediateCatchEvent><endEvent id="end"/>${flows('start', 'later', 'end')}`);
    const lateTimer = bpmn('e2e_bad_late_timer', `<startEvent id="start"/><intermediateCatchEvent id="at"><timerEventDefinition><timeDate>9999-12-31T23:00:00-05:00</timeDate></timerEventDefinition></intermediateCatchEvent><endEvent id="end"/>${flows('start', 'at', 'end')}`);
    const bigPriority = bpmn('e2e_bad_priority', `<startEvent id="start"/><userTask id="urgent" camunda:priority="\${99999999999}"/><endEvent id="end"/>${flows('start', 'urgent', 'end')}`);
    let rangesInstance: string;
    let externalTaskId: string;
    let jobId: string;
    let userTaskId: string;
    const snapshot = async () => ({
      externalTask: (await api.get(`/external-task/${externalTaskId}`)).body,
      unlocked: (await api.get('/external-task/count', { topicName: 'e2e-bad-ranges', notLocked: true })).body.count,
      job: (await api.get(`/job/${jobId}`)).body,
      task: (await api.get(`/task/${userTaskId}`)).body,
      batches: (await api.get('/batch/count')).body.count,
      instances: (await api.get('/process-instance/count')).body.count,
    });

    beforeAll(async () => {
      expect((await api.deploy([{ name: 'ranges.bpmn', content: ranges }, { name: 'due.bpmn', content: lateDue }])).status).toBe(200);
      expect((await api.deploy([{ name: 'far-due.bpmn', content: farDue }, { name: 'priority.bpmn', content: bigPriority }])).status).toBe(200);
      expect((await api.deploy([{ name: 'far-timer.bpmn', content: farTimer }, { name: 'late-timer.bpmn', content: lateTimer }])).status).toBe(200);
      rangesInstance = (await api.post('/process-definition/key/e2e_bad_ranges/start', {})).body.id;
      const locked = await api.post('/external-task/fetchAndLock', { workerId: 'ranges', maxTasks: 1, topics: [{ topicName: 'e2e-bad-ranges', lockDuration: 60_000 }] });
      externalTaskId = locked.body[0].id;
      jobId = (await api.get('/job', { processInstanceId: rangesInstance })).body[0].id;
      userTaskId = (await api.get('/task', { processInstanceId: rangesInstance })).body[0].id;
      await api.post('/process-definition/key/e2e_bad_ranges/start', {}); // an external task left to fetch
    });

    const cases = (): Case[] => [
      ['GET', '/task?maxResults=1e300'],
      ['GET', '/task?maxResults=99999999999999999999'],
      ['GET', '/process-instance?firstResult=1e300'],
      ['GET', '/batch?maxResults=1e308'],
      ['GET', '/task?priority=99999999999'],
      ['GET', '/task?minPriority=1e300'],
      ['GET', '/process-definition?version=99999999999'],
      ['GET', '/decision-definition?version=1e300'],
      ['GET', '/external-task?priorityHigherThanOrEquals=1e300'],
      ['GET', '/history/process-instance?startedBefore=0000-01-01T00:00:00'],
      ['GET', '/task?dueBefore=9999-12-31T23:00:00-0500'],
      ['POST', '/task', { sorting: [null] }],
      ['POST', '/process-instance', { sorting: [null] }],
      ['POST', '/task', { sorting: ['created'] }],
      ['PUT', `/task/${userTaskId}`, { priority: 99999999999 }],
      ['PUT', `/task/${userTaskId}`, { due: '0000-01-01T00:00:00' }],
      ['PUT', `/task/${userTaskId}`, { followUp: '9999-12-31T23:00:00-0500' }],
      ['POST', '/external-task/fetchAndLock', { workerId: 'ranges', topics: [{ topicName: 'e2e-bad-ranges', lockDuration: Number.MAX_SAFE_INTEGER }] }],
      ['POST', `/external-task/${externalTaskId}/extendLock`, { workerId: 'ranges', newDuration: Number.MAX_SAFE_INTEGER }],
      ['POST', `/external-task/${externalTaskId}/failure`, { workerId: 'ranges', retries: 99999999999 }],
      ['POST', `/external-task/${externalTaskId}/failure`, { workerId: 'ranges', retries: 1, retryTimeout: Number.MAX_SAFE_INTEGER }],
      ['PUT', `/external-task/${externalTaskId}/retries`, { retries: 99999999999 }],
      ['PUT', '/external-task/retries', { externalTaskIds: [externalTaskId], retries: 99999999999 }],
      ['PUT', `/external-task/${externalTaskId}/priority`, { priority: 2 ** 63 }],
      ['POST', '/external-task/retries-async', { externalTaskIds: [externalTaskId], retries: 99999999999 }],
      ['PUT', `/job/${jobId}/retries`, { retries: 99999999999 }],
      ['POST', '/job/retries', { jobIds: [jobId], retries: 99999999999 }],
      ['POST', '/process-definition/key/e2e_bad_due/start', {}],
      ['POST', '/process-definition/key/e2e_bad_far_due/start', {}],
      ['POST', '/process-definition/key/e2e_bad_priority/start', {}],
      ['POST', '/process-definition/key/e2e_bad_far_timer/start', {}],
      ['POST', '/process-definition/key/e2e_bad_late_timer/start', {}],
    ];

    it('answers 400 naming the parameter, never 500, and changes nothing', async () => {
      const before = await snapshot();
      const answers: string[] = [];
      for (const [method, path, body] of cases()) {
        const response = await send(method, path, body);
        answers.push(`${method} ${path} ${JSON.stringify(body)} → ${response.status} ${typeof response.body?.type} ${typeof response.body?.message}`);
      }
      expect(answers.filter((a) => !a.endsWith('→ 400 string string'))).toEqual([]);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a model whose start timer falls due after the year 9999, naming the event', async () => {
      const farStart = bpmn('e2e_bad_far_start', `<startEvent id="someday"><timerEventDefinition><timeDuration>P9000Y</timeDuration></timerEventDefinition></startEvent><endEvent id="end"/>${flows('someday', 'end')}`);
      const response = await api.deploy([{ name: 'far-start.bpmn', content: farStart }]);
      expectErrorBody(response, 400, 'ParseException', 'ENGINE_MODEL_INVALID');
      expect(response.body.details['far-start.bpmn'].errors[0]).toMatchObject({ mainElementId: 'someday' });
    });

    it('still takes the largest values it stores', async () => {
      expect((await api.get('/task', { maxResults: 2_147_483_647, firstResult: 0 })).status).toBe(200);
      expect((await api.put(`/task/${userTaskId}`, { priority: 2_147_483_647, due: '9999-12-31T23:59:59.999+0000' })).status).toBe(204);
      expect((await api.get(`/task/${userTaskId}`)).body).toMatchObject({ priority: 2_147_483_647, due: '9999-12-31T23:59:59.999+0000' });
      expect((await api.put(`/job/${jobId}/retries`, { retries: 2_147_483_647 })).status).toBe(204);
      expect((await api.post(`/external-task/${externalTaskId}/extendLock`, { workerId: 'ranges', newDuration: 3_155_760_000_000 })).status).toBe(204);
    });

    it('names what was out of range', async () => {
      expect((await api.get('/task', { maxResults: 1e300 })).body.message).toContain("'maxResults'");
      expect((await api.put(`/job/${jobId}/retries`, { retries: 99999999999 })).body.message).toContain("'retries' must be at most 2147483647");
      expect((await api.post('/task', { sorting: [null] })).body.message).toContain("'sorting.0'");
      expect((await api.post('/process-definition/key/e2e_bad_priority/start', {})).body.message).toContain("priority of 'urgent'");
    });
  });

  it('keeps the task and the instance usable after all of it', async () => {
    expect((await api.post(`/task/${taskId}/complete`, {})).status).toBe(204);
    expect((await api.get('/task', { processInstanceId: instanceId })).body).toEqual([]);
    expect((await api.get('/external-task/count', { processInstanceId: instanceId })).body).toEqual({ count: 1 });
  });
});
