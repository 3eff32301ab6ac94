import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { eventually } from '../support/eventually.js';
import { RestClient, expectErrorBody } from '../support/rest-client.js';
import { CrmClient } from '../support/crm-client.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../support/test-app.js';

/** the booking fails until `ready` is set; an hour between retries keeps the failed job waiting */
const asyncModel = bpmn('e2e_async', `
    <startEvent id="start"/>
    <serviceTask id="book" camunda:asyncBefore="true" camunda:expression="\${ready}">
      <extensionElements><camunda:failedJobRetryTimeCycle>R3/PT1H</camunda:failedJobRetryTimeCycle></extensionElements>
    </serviceTask>
    <userTask id="booked"/>
    <endEvent id="end"/>
    ${flows('start', 'book', 'booked', 'end')}`);

/** default retries (3, at once): a failing job ends in a failedJob incident quickly */
const incidentModel = bpmn('e2e_async_incident', `
    <startEvent id="start"/>
    <serviceTask id="sync" camunda:asyncBefore="true" camunda:expression="\${ready}"/>
    <userTask id="synced"/>
    <endEvent id="end"/>
    ${flows('start', 'sync', 'synced', 'end')}`);

const smoothModel = bpmn('e2e_async_smooth', `
    <startEvent id="start"/>
    <task id="prepare" camunda:asyncBefore="true"/>
    <userTask id="prepared"/>
    <endEvent id="end"/>
    ${flows('start', 'prepare', 'prepared', 'end')}`);

const messageModel = bpmn('e2e_payment', `
    <startEvent id="start"/>
    <intermediateCatchEvent id="waitForPayment"><messageEventDefinition messageRef="payment"/></intermediateCatchEvent>
    <userTask id="ship"/>
    <endEvent id="end"/>
    ${flows('start', 'waitForPayment', 'ship', 'end')}`, `<message id="payment" name="e2e-payment-received"/>`);

const messageStartModel = bpmn('e2e_order', `
    <startEvent id="orderReceived"><messageEventDefinition messageRef="order"/></startEvent>
    <userTask id="confirm"/>
    <endEvent id="end"/>
    ${flows('orderReceived', 'confirm', 'end')}`, `<message id="order" name="e2e-order-placed"/>`);

const signalModel = bpmn('e2e_alarm', `
    <startEvent id="start"/>
    <intermediateCatchEvent id="alarm"><signalEventDefinition signalRef="s"/></intermediateCatchEvent>
    <userTask id="evacuate"/>
    <endEvent id="end"/>
    ${flows('start', 'alarm', 'evacuate', 'end')}`, `<signal id="s" name="e2e-fire-alarm"/>`);

interface Job { id: string; retries: number; exceptionMessage: string | null; activityId: string; processInstanceId: string }

describe('REST: jobs, messages and signals', () => {
  let app: TestApp;
  let api: RestClient;

  const start = async (key: string, body: object = {}): Promise<string> => {
    const started = await api.post(`/process-definition/key/${key}/start`, body);
    expect(started.status).toBe(200);
    return started.body.id;
  };
  const openTasks = async (instanceId: string): Promise<string[]> =>
    (await api.get('/task', { processInstanceId: instanceId })).body.map((t: { taskDefinitionKey: string }) => t.taskDefinitionKey);
  const jobsOf = async (instanceId: string): Promise<Job[]> => (await api.get<Job[]>('/job', { processInstanceId: instanceId })).body;

  beforeAll(async () => {
    app = await startTestApp();
    api = new RestClient(app.rest, app.adminAuth);
    const deployed = await api.deploy([asyncModel, incidentModel, smoothModel, messageModel, messageStartModel, signalModel].map((content, i) => ({ name: `model-${i}.bpmn`, content })));
    expect(deployed.status).toBe(200);
  });
  afterAll(() => app.close());

  it('runs an asyncBefore continuation through the job dispatcher', async () => {
    const id = await start('e2e_async_smooth');
    await eventually(async () => expect(await openTasks(id)).toEqual(['prepared']));
    expect(await jobsOf(id)).toEqual([]);
    const path = (await api.get('/history/activity-instance', { processInstanceId: id, sortBy: 'startTime', sortOrder: 'asc' })).body;
    expect(path.map((a: { activityId: string }) => a.activityId)).toEqual(['start', 'prepare', 'prepared']);
  });

  it('keeps a failed asyncBefore job visible in GET /job; POST /job/{id}/execute runs it once the cause is fixed', async () => {
    const id = await start('e2e_async');
    const [job] = await eventually(async () => {
      const jobs = await jobsOf(id);
      expect(jobs).toEqual([expect.objectContaining({ activityId: 'book', retries: 2, exceptionMessage: expect.stringContaining('ready') })]);
      return jobs;
    });
    expect((await api.get(`/job/${job!.id}`)).body).toMatchObject({ id: job!.id, processInstanceId: id, retries: 2 });
    expect((await api.get('/job/count', { processInstanceId: id, withException: true })).body).toEqual({ count: 1 });
    expect((await api.get(`/job/${job!.id}/stacktrace`)).status).toBe(200);
    expect(await openTasks(id)).toEqual([]);

    // as Camunda 7: a job that fails when executed on request answers 500 RestException, and the failure is recorded on the job
    const failed = await api.post(`/job/${job!.id}/execute`);
    expectErrorBody(failed, 500, 'RestException', 'ENGINE_JOB_FAILED');
    expect(failed.body.message).toContain(`Job '${job!.id}' failed`);
    expect((await api.get(`/job/${job!.id}`)).body).toMatchObject({ retries: 1, exceptionMessage: expect.stringContaining('ready') });

    expect((await api.put(`/process-instance/${id}/variables/ready`, { value: true, type: 'Boolean' })).status).toBe(204);
    expect((await api.post(`/job/${job!.id}/execute`)).status).toBe(204);
    expect(await openTasks(id)).toEqual(['booked']);
    expect(await jobsOf(id)).toEqual([]);
    expectErrorBody(await api.post(`/job/${job!.id}/execute`), 404);
  });

  it('answers 404 for unknown jobs and 400 for bad retries', async () => {
    expectErrorBody(await api.post('/job/no-such-job/execute'), 404);
    expectErrorBody(await api.get('/job/no-such-job'), 404);
    expectErrorBody(await api.put('/job/no-such-job/retries', { retries: 1 }), 404);
    expectErrorBody(await api.put('/job/no-such-job/retries', { retries: -1 }), 400);
    expectErrorBody(await api.put('/job/no-such-job/retries', { retries: 'three' }), 400);
  });

  it('raises a failedJob incident when retries run out; PUT /job/{id}/retries resolves it and the job runs again', async () => {
    const id = await start('e2e_async_incident');
    const [incident] = await eventually(async () => {
      const incidents = (await api.get('/incident', { processInstanceId: id })).body;
      expect(incidents).toEqual([expect.objectContaining({ incidentType: 'failedJob', activityId: 'sync', incidentMessage: expect.stringContaining('ready') })]);
      return incidents;
    });
    const [job] = await jobsOf(id);
    expect(job).toMatchObject({ retries: 0, activityId: 'sync' });
    expect(incident.configuration).toBe(job!.id);

    expect((await api.put(`/process-instance/${id}/variables/ready`, { value: true, type: 'Boolean' })).status).toBe(204);
    expect((await api.put(`/job/${job!.id}/retries`, { retries: 1 })).status).toBe(204);
    expect((await api.get('/incident/count', { processInstanceId: id })).body).toEqual({ count: 0 });
    await eventually(async () => expect(await openTasks(id)).toEqual(['synced']));
    expect(await jobsOf(id)).toEqual([]);
    expect((await api.get('/history/incident', { processInstanceId: id })).body).toEqual([expect.objectContaining({ incidentType: 'failedJob', resolved: true })]);
  });

  it('correlates a message by business key with resultEnabled, and answers 400 when nothing waits for it', async () => {
    const id = await start('e2e_payment', { businessKey: 'invoice-1' });
    const unmatched = await api.post('/message', { messageName: 'e2e-payment-received', businessKey: 'invoice-unknown' });
    expectErrorBody(unmatched, 400);
    expectErrorBody(await api.post('/message', { messageName: 'e2e-no-such-message' }), 400);
    expectErrorBody(await api.post('/message', { businessKey: 'invoice-1' }), 400);
    expect(await openTasks(id)).toEqual([]);

    const correlated = await api.post('/message', {
      messageName: 'e2e-payment-received',
      businessKey: 'invoice-1',
      processVariables: { paid: { value: 99.5, type: 'Double' } },
      resultEnabled: true,
    });
    expect(correlated.status).toBe(200);
    expect(correlated.body).toEqual([expect.objectContaining({ resultType: 'Execution', execution: expect.objectContaining({ processInstanceId: id }), processInstance: null })]);
    expect(await openTasks(id)).toEqual(['ship']);
    expect((await api.get(`/process-instance/${id}/variables/paid`)).body).toMatchObject({ value: 99.5, type: 'Double' });
    expectErrorBody(await api.post('/message', { messageName: 'e2e-payment-received', businessKey: 'invoice-1' }), 400);
  });

  it('starts an instance by message (204 without, 200 with resultEnabled)', async () => {
    const plain = await api.post('/message', { messageName: 'e2e-order-placed', businessKey: 'order-1' });
    expect(plain.status).toBe(204);
    expect((await api.get('/process-instance/count', { businessKey: 'order-1' })).body).toEqual({ count: 1 });

    const withResult = await api.post('/message', { messageName: 'e2e-order-placed', businessKey: 'order-2', processVariables: { items: { value: 3, type: 'Integer' } }, resultEnabled: true, variablesInResultEnabled: true });
    expect(withResult.status).toBe(200);
    expect(withResult.body).toEqual([expect.objectContaining({
      resultType: 'ProcessDefinition',
      processInstance: expect.objectContaining({ id: expect.any(String), businessKey: 'order-2', ended: false }),
      variables: { items: expect.objectContaining({ value: 3, type: 'Integer' }) },
    })]);
    expect(await openTasks(withResult.body[0].processInstance.id)).toEqual(['confirm']);
  });

  it('broadcasts a signal with variables to every waiting instance', async () => {
    const first = await start('e2e_alarm');
    const second = await start('e2e_alarm');
    expectErrorBody(await api.post('/signal', {}), 400);
    expectErrorBody(await api.post('/signal', { name: 42 }), 400);
    const thrown = await api.post('/signal', { name: 'e2e-fire-alarm', variables: { floor: { value: 3, type: 'Integer' } } });
    expect(thrown.status).toBe(204);
    for (const id of [first, second]) {
      expect(await openTasks(id)).toEqual(['evacuate']);
      expect((await api.get(`/process-instance/${id}/variables/floor`)).body).toMatchObject({ value: 3, type: 'Integer' });
    }
    expect((await api.post('/signal', { name: 'e2e-nobody-listens' })).status).toBe(204);
  });

  it('lets only callers who may correlate send messages and signals: 401 without credentials, 403 for a manager, nothing moves', async () => {
    const id = await start('e2e_payment', { businessKey: 'invoice-guarded' });
    const waiting = await start('e2e_alarm');
    const manager = await new CrmClient(app.url, app.adminAuth).ok<{ id: string }>('POST', '/api/users', {
      name: 'Max Manager', email: `max.${Date.now()}@messages.test`, role: 'manager', level: 'junior', password: TEST_USER_PASSWORD,
    });
    const message = { messageName: 'e2e-payment-received', businessKey: 'invoice-guarded' };
    const signal = { name: 'e2e-fire-alarm' };
    expect((await new RestClient(app.rest, {}).post('/message', message)).status).toBe(401);
    expect((await new RestClient(app.rest, {}).post('/signal', signal)).status).toBe(401);
    const asManager = new RestClient(app.rest, basicAuth(manager.id, TEST_USER_PASSWORD));
    expectErrorBody(await asManager.post('/message', message), 403, 'AuthorizationException');
    expectErrorBody(await asManager.post('/signal', signal), 403, 'AuthorizationException');
    expect(await openTasks(id)).toEqual([]);
    expect(await openTasks(waiting)).toEqual([]);
  });
});
