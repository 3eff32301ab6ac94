import { request as httpRequest } from 'node:http';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { eventually } from '../support/eventually.js';
import { RestClient, expectErrorBody } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const model = bpmn('e2e_external', `
    <startEvent id="start"/>
    <serviceTask id="charge" name="Charge" camunda:type="external" camunda:topic="e2e-charge"/>
    <boundaryEvent id="rejected" attachedToRef="charge"><errorEventDefinition errorRef="cardRejected"/></boundaryEvent>
    <userTask id="afterCharge"/>
    <userTask id="handleRejection"/>
    <endEvent id="end"/>
    <endEvent id="rejectedEnd"/>
    ${flows('start', 'charge', 'afterCharge', 'end')}
    ${flows('rejected', 'handleRejection', 'rejectedEnd')}`, `<error id="cardRejected" errorCode="CARD_REJECTED"/>`);

interface Locked { id: string; processInstanceId: string; activityId: string; topicName: string; workerId: string; variables: Record<string, { type: string; value: unknown }>; lockExpirationTime: string }

describe('REST: external tasks', () => {
  let app: TestApp;
  let api: RestClient;
  let definitionId: string;

  /** each test starts its own instances under its own business key and fetches only those */
  const start = async (businessKey: string, variables: Record<string, unknown> = {}): Promise<string> => {
    const started = await api.post('/process-definition/key/e2e_external/start', { businessKey, variables });
    expect(started.status).toBe(200);
    return started.body.id;
  };
  const fetchLock = async (workerId: string, businessKey: string, extra: { lockDuration?: number; variables?: string[]; asyncResponseTimeout?: number } = {}) => {
    const response = await api.post<Locked[]>('/external-task/fetchAndLock', {
      workerId,
      maxTasks: 10,
      usePriority: false,
      ...(extra.asyncResponseTimeout !== undefined ? { asyncResponseTimeout: extra.asyncResponseTimeout } : {}),
      topics: [{ topicName: 'e2e-charge', lockDuration: extra.lockDuration ?? 60_000, processDefinitionIdIn: [definitionId], businessKey, ...(extra.variables ? { variables: extra.variables } : {}) }],
    });
    expect(response.status).toBe(200);
    return response.body;
  };
  /** locks the one task of the instance with this business key */
  const lockOne = async (instanceId: string, businessKey: string, workerId = 'worker-1', lockDuration?: number) => {
    const locked = await fetchLock(workerId, businessKey, lockDuration === undefined ? {} : { lockDuration });
    expect(locked.map((t) => t.processInstanceId)).toEqual([instanceId]);
    return locked[0]!;
  };
  const openTasks = async (instanceId: string) => (await api.get('/task', { processInstanceId: instanceId })).body.map((t: { taskDefinitionKey: string }) => t.taskDefinitionKey);

  beforeAll(async () => {
    app = await startTestApp();
    api = new RestClient(app.rest, app.adminAuth);
    const deployed = await api.deploy([{ name: 'external.bpmn', content: model }]);
    definitionId = Object.keys(deployed.body.deployedProcessDefinitions)[0]!;
  });
  afterAll(() => app.close());

  it('fetches and locks with the requested variables; only the locking worker completes, with lowercase types as camunda-external-task-client-js sends them', async () => {
    const id = await start('order-1', { amount: { value: 250, type: 'Integer' }, customer: { value: '{"name":"Ada"}', type: 'Json' }, secret: { value: 'x', type: 'String' } });
    const [task] = await fetchLock('worker-1', 'order-1', { variables: ['amount', 'customer'] });
    expect(task).toMatchObject({ processInstanceId: id, activityId: 'charge', topicName: 'e2e-charge', workerId: 'worker-1', retries: null, processDefinitionId: definitionId });
    expect(task!.variables).toEqual({
      amount: { type: 'Integer', value: 250, valueInfo: {} },
      customer: expect.objectContaining({ type: 'Json', value: '{"name":"Ada"}' }),
    });
    expect(await fetchLock('worker-2', 'order-1')).toEqual([]);
    expect((await api.get('/external-task', { processInstanceId: id })).body).toEqual([expect.objectContaining({ id: task!.id, workerId: 'worker-1', activityId: 'charge' })]);
    expect((await api.get('/external-task/count', { processInstanceId: id, locked: true })).body).toEqual({ count: 1 });

    const wrongWorker = await api.post(`/external-task/${task!.id}/complete`, { workerId: 'worker-2', variables: { charged: { value: true, type: 'Boolean' } } });
    expectErrorBody(wrongWorker, 400);
    expect(await openTasks(id)).toEqual([]);

    const completed = await api.post(`/external-task/${task!.id}/complete`, {
      workerId: 'worker-1',
      variables: { paidCents: { value: '5', type: 'integer' }, receipt: { value: '{"ok":true,"ids":[1,2]}', type: 'json' }, channel: { value: 'card', type: 'string' } },
    });
    expect(completed.status).toBe(204);
    expect(await openTasks(id)).toEqual(['afterCharge']);
    const variables = (await api.get(`/process-instance/${id}/variables`, { deserializeValues: false })).body;
    expect(variables).toMatchObject({
      paidCents: { type: 'Integer', value: 5 },
      receipt: { type: 'Json', value: '{"ok":true,"ids":[1,2]}' },
      channel: { type: 'String', value: 'card' },
    });
    expectErrorBody(await api.post(`/external-task/${task!.id}/complete`, { workerId: 'worker-1' }), 404);
    expectErrorBody(await api.get(`/external-task/${task!.id}`), 404);
  });

  it('refuses fetchAndLock without a workerId and unknown tasks', async () => {
    expectErrorBody(await api.post('/external-task/fetchAndLock', { maxTasks: 1, topics: [{ topicName: 'e2e-charge', lockDuration: 1000 }] }), 400);
    expectErrorBody(await api.post('/external-task/fetchAndLock', { workerId: 'w', topics: [{ topicName: 'e2e-charge', lockDuration: 'long' }] }), 400);
    expectErrorBody(await api.post('/external-task/no-such-task/complete', { workerId: 'w' }), 404);
    expectErrorBody(await api.post('/external-task/no-such-task/failure', { workerId: 'w', retries: 0 }), 404);
    expectErrorBody(await api.put('/external-task/no-such-task/retries', { retries: 1 }), 404);
  });

  it('long polling answers as soon as a task is created, well before asyncResponseTimeout', async () => {
    const began = Date.now();
    // a timeout far beyond what even a loaded machine needs for the round trip below
    const polling = fetchLock('poller', 'order-poll', { asyncResponseTimeout: 90_000 });
    // let the request reach the server and park before the task exists
    await new Promise((resolve) => setTimeout(resolve, 300));
    const id = await start('order-poll');
    const locked = await polling;
    expect(locked.map((t) => t.processInstanceId)).toEqual([id]);
    // answered after the commit, not at the timeout
    expect(Date.now() - began).toBeLessThan(60_000);
    await api.post(`/external-task/${locked[0]!.id}/complete`, { workerId: 'poller' });
  });

  it('long polling answers [] once asyncResponseTimeout has passed without a task', async () => {
    const began = Date.now();
    const locked = await fetchLock('idle', 'order-never', { asyncResponseTimeout: 1500 });
    const elapsed = Date.now() - began;
    expect(locked).toEqual([]);
    // not before the timeout; and it does answer (an answer long after it would only mean a slow machine)
    expect(elapsed).toBeGreaterThanOrEqual(1400);
  });

  it('a long poll whose client went away locks nothing', async () => {
    const body = JSON.stringify({ workerId: 'ghost', maxTasks: 1, asyncResponseTimeout: 5000, topics: [{ topicName: 'e2e-charge', lockDuration: 60_000, processDefinitionIdIn: [definitionId], businessKey: 'order-ghost' }] });
    const request = httpRequest(`${app.rest}/external-task/fetchAndLock`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    const closed = new Promise((resolve) => request.on('close', resolve));
    request.on('error', () => undefined);
    request.end(body);
    // let the poll park on the server, then hang up (the worker process died)
    await new Promise((resolve) => setTimeout(resolve, 300));
    request.destroy();
    await closed;
    const id = await start('order-ghost');
    const task = await lockOne(id, 'order-ghost', 'worker-1');
    expect(task.workerId).toBe('worker-1');
  });

  it('a failure with retries left unlocks the task; retries 0 raise a failedExternalTask incident until PUT retries resolves it', async () => {
    const id = await start('order-fail');
    const first = await lockOne(id, 'order-fail');
    expect((await api.post(`/external-task/${first.id}/failure`, { workerId: 'worker-1', errorMessage: 'ERP busy', retries: 1, retryTimeout: 0 })).status).toBe(204);
    // as in Camunda, the lock now expires after retryTimeout (0): the task is fetchable again
    expect((await api.get(`/external-task/${first.id}`)).body).toMatchObject({ retries: 1, errorMessage: 'ERP busy' });

    const second = await lockOne(id, 'order-fail', 'worker-2');
    expect(second.id).toBe(first.id);
    expectErrorBody(await api.post(`/external-task/${second.id}/failure`, { workerId: 'worker-1', retries: 0 }), 400);
    const failed = await api.post(`/external-task/${second.id}/failure`, { workerId: 'worker-2', errorMessage: 'ERP down', errorDetails: 'stack', retries: 0, retryTimeout: 0 });
    expect(failed.status).toBe(204);

    const incidents = (await api.get('/incident', { processInstanceId: id })).body;
    expect(incidents).toEqual([expect.objectContaining({ incidentType: 'failedExternalTask', incidentMessage: 'ERP down', activityId: 'charge', configuration: first.id })]);
    expect((await api.get('/incident/count', { processInstanceId: id, incidentType: 'failedExternalTask' })).body).toEqual({ count: 1 });
    expect(await fetchLock('worker-3', 'order-fail')).toEqual([]);
    expect((await api.get(`/external-task/${first.id}`)).body).toMatchObject({ retries: 0 });
    expect((await api.get(`/external-task/${first.id}/errorDetails`)).text).toContain('stack');
    expect((await api.get('/history/incident', { processInstanceId: id })).body).toEqual([expect.objectContaining({ incidentType: 'failedExternalTask', open: true, resolved: false })]);

    expectErrorBody(await api.put(`/external-task/${first.id}/retries`, { retries: -1 }), 400);
    expectErrorBody(await api.put(`/external-task/${first.id}/retries`, {}), 400);
    expect((await api.put(`/external-task/${first.id}/retries`, { retries: 2 })).status).toBe(204);
    expect((await api.get('/incident/count', { processInstanceId: id })).body).toEqual({ count: 0 });
    expect((await api.get('/history/incident', { processInstanceId: id })).body).toEqual([expect.objectContaining({ open: false, resolved: true })]);
    expect((await api.get('/history/incident/count', { processInstanceId: id })).body).toEqual({ count: 1 });
    const again = await lockOne(id, 'order-fail', 'worker-3');
    expect(again).toMatchObject({ id: first.id, retries: 2 });
    expect((await api.post(`/external-task/${again.id}/complete`, { workerId: 'worker-3' })).status).toBe(204);
    expect(await openTasks(id)).toEqual(['afterCharge']);
  });

  it('a BPMN error from the worker is caught by the error boundary event', async () => {
    const id = await start('order-rejected');
    const task = await lockOne(id, 'order-rejected');
    const reported = await api.post(`/external-task/${task.id}/bpmnError`, { workerId: 'worker-1', errorCode: 'CARD_REJECTED', errorMessage: 'insufficient funds', variables: { reason: { value: 'funds', type: 'String' } } });
    expect(reported.status).toBe(204);
    expect(await openTasks(id)).toEqual(['handleRejection']);
    expect((await api.get(`/process-instance/${id}/variables/reason`)).body).toMatchObject({ value: 'funds', type: 'String' });
    const charge = (await api.get('/history/activity-instance', { processInstanceId: id, activityId: 'charge' })).body;
    expect(charge).toEqual([expect.objectContaining({ canceled: true, endTime: expect.any(String) })]);
    expectErrorBody(await api.get(`/external-task/${task.id}`), 404);
  });

  it('extends a lock (only for the locking worker) and unlocks', async () => {
    const id = await start('order-extend');
    const task = await lockOne(id, 'order-extend', 'worker-1', 1000);
    expectErrorBody(await api.post(`/external-task/${task.id}/extendLock`, { workerId: 'worker-2', newDuration: 60_000 }), 400);
    expectErrorBody(await api.post(`/external-task/${task.id}/extendLock`, { workerId: 'worker-1', newDuration: -5 }), 400);
    expect((await api.post(`/external-task/${task.id}/extendLock`, { workerId: 'worker-1', newDuration: 60_000 })).status).toBe(204);
    const extended = (await api.get(`/external-task/${task.id}`)).body;
    expect(Date.parse(extended.lockExpirationTime.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) - Date.now()).toBeGreaterThan(30_000);
    expect(await fetchLock('worker-2', 'order-extend')).toEqual([]);

    expect((await api.post(`/external-task/${task.id}/unlock`)).status).toBe(204);
    expect((await api.get(`/external-task/${task.id}`)).body).toMatchObject({ workerId: null, lockExpirationTime: null });
    const relocked = await eventually(async () => {
      const locked = await fetchLock('worker-2', 'order-extend');
      expect(locked).toHaveLength(1);
      return locked[0]!;
    });
    expect(relocked).toMatchObject({ id: task.id, workerId: 'worker-2' });
    expectErrorBody(await api.post(`/external-task/${task.id}/complete`, { workerId: 'worker-1' }), 400);
    expect((await api.post(`/external-task/${task.id}/complete`, { workerId: 'worker-2' })).status).toBe(204);
    expect(await openTasks(id)).toEqual(['afterCharge']);
  });
});
