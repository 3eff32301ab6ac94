import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../support/crm-client.js';
import { eventually } from '../support/eventually.js';
import { RestClient, expectErrorBody, type RestResponse } from '../support/rest-client.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../support/test-app.js';

const waitingModel = bpmn('e2e_batch_wait', `
    <startEvent id="start"/>
    <userTask id="work"/>
    <endEvent id="end"/>
    ${flows('start', 'work', 'end')}`);

/** fails (no `ready`) three times at once, then a failedJob incident */
const failingJobModel = bpmn('e2e_batch_job', `
    <startEvent id="start"/>
    <serviceTask id="sync" camunda:asyncBefore="true" camunda:expression="\${ready}"/>
    <userTask id="synced"/>
    ${flows('start', 'sync', 'synced')}`);

const externalModel = bpmn('e2e_batch_ext', `
    <startEvent id="start"/>
    <serviceTask id="call" camunda:type="external" camunda:topic="e2e-batch-topic"/>
    <userTask id="called"/>
    ${flows('start', 'call', 'called')}`);

const BATCH_KEYS = [
  'id', 'type', 'totalJobs', 'jobsCreated', 'batchJobsPerSeed', 'invocationsPerBatchJob', 'seedJobDefinitionId', 'monitorJobDefinitionId',
  'batchJobDefinitionId', 'suspended', 'tenantId', 'createUserId', 'startTime', 'executionStartTime',
].sort();
const CAMUNDA_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/;

interface Batch { id: string; type: string; totalJobs: number; suspended: boolean; createUserId: string | null }
interface Items { total: number; pending: number; done: number; skipped: number; failed: number; canceled: number }

describe('REST: batches', () => {
  let app: TestApp;
  let api: RestClient;
  let oscar = '';

  const start = async (key: string, businessKey?: string): Promise<string> => {
    const started = await api.post(`/process-definition/key/${key}/start`, businessKey ? { businessKey } : {});
    expect(started.status).toBe(200);
    return started.body.id;
  };
  const startMany = async (key: string, count: number, businessKey?: string) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await start(key, businessKey));
    return ids;
  };
  /** as a CRM user with HTTP Basic (an ops user, created in beforeAll) */
  const postAs = async (user: string, path: string, body: unknown): Promise<RestResponse> => {
    const response = await fetch(`${app.rest}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...basicAuth(user, TEST_USER_PASSWORD) }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json(), text: '' };
  };
  const history = async (id: string) => (await api.get(`/history/batch/${id}`)).body as { endTime: string | null; items: Items };
  const finished = (id: string) => eventually(async () => {
    const found = await history(id);
    expect(found.endTime).toMatch(CAMUNDA_DATE);
    return found;
  }, { timeoutMs: 150_000 }); // 1,500 items, a transaction each, on a loaded machine

  beforeAll(async () => {
    app = await startTestApp();
    api = new RestClient(app.rest, app.adminAuth);
    oscar = (await new CrmClient(app.url, app.adminAuth).ok<{ id: string }>('POST', '/api/users', { name: 'Oscar Ops', email: `oscar.${Date.now()}@example.com`, role: 'ops', password: TEST_USER_PASSWORD })).id;
    const deployed = await api.deploy([waitingModel, failingJobModel, externalModel].map((content, i) => ({ name: `batch-${i}.bpmn`, content })));
    expect(deployed.status).toBe(200);
  });
  afterAll(() => app.close());

  it('POST /process-instance/delete: a BatchDto now, every instance deleted by the batch jobs, the history ended', async () => {
    const ids = await startMany('e2e_batch_wait', 3);
    const created = await postAs(oscar, '/process-instance/delete', { processInstanceIds: ids, deleteReason: 'clean up' });

    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(BATCH_KEYS);
    expect(created.body).toMatchObject({
      type: 'instance-deletion', totalJobs: 1, invocationsPerBatchJob: 10, batchJobsPerSeed: 100, monitorJobDefinitionId: null,
      seedJobDefinitionId: `${created.body.id}:batch-seed`, batchJobDefinitionId: `${created.body.id}:batch-chunk`,
      suspended: false, tenantId: null, createUserId: oscar, startTime: expect.stringMatching(CAMUNDA_DATE),
    });

    const ended = await finished(created.body.id);
    expect(ended).toMatchObject({ id: created.body.id, type: 'instance-deletion', createUserId: oscar, removalTime: null, executionStartTime: expect.stringMatching(CAMUNDA_DATE) });
    expect(ended.items).toEqual({ total: 3, pending: 0, done: 3, skipped: 0, failed: 0, canceled: 0 });
    expect((await api.get('/process-instance/count', { processDefinitionKey: 'e2e_batch_wait' })).body).toEqual({ count: 0 });
    for (const id of ids) expect((await api.get(`/history/process-instance/${id}`)).body).toMatchObject({ state: 'EXTERNALLY_TERMINATED', deleteReason: 'clean up' });
    expectErrorBody(await api.get(`/batch/${created.body.id}`), 404);
    expect((await api.get('/batch/statistics', { batchId: created.body.id })).body).toEqual([]);
  });

  it('selects instances by processInstanceQuery and historicProcessInstanceQuery (a union), resolved when the batch is created', async () => {
    const byRuntime = await startMany('e2e_batch_wait', 2, 'runtime-key');
    const byHistory = await startMany('e2e_batch_wait', 2, 'history-key');
    const untouched = await start('e2e_batch_wait', 'other-key');
    const created = await api.post('/process-instance/delete', {
      processInstanceQuery: { businessKey: 'runtime-key', processDefinitionKey: 'e2e_batch_wait' },
      historicProcessInstanceQuery: { processInstanceBusinessKeyLike: 'history-%', unfinished: true },
    });
    expect(created.status).toBe(200);
    // started after the batch was created: not part of it
    const late = await start('e2e_batch_wait', 'runtime-key');

    expect((await finished(created.body.id)).items).toMatchObject({ total: 4, done: 4 });
    const items = (await api.get(`/history/batch/${created.body.id}/items`)).body as { targetId: string; status: string }[];
    expect(items.map((i) => i.targetId).sort()).toEqual([...byRuntime, ...byHistory].sort());
    const running = (await api.get('/process-instance', { processDefinitionKey: 'e2e_batch_wait' })).body.map((i: { id: string }) => i.id);
    expect(running.sort()).toEqual([untouched, late].sort());
  });

  it('refuses bad bodies and empty selections with a 400 naming the field, and creates nothing', async () => {
    const before = (await api.get('/history/batch/count')).body.count;
    const cases: [string, unknown, string, RegExp][] = [
      ['/process-instance/delete', {}, 'BadUserRequestException', /processInstanceIds, processInstanceQuery or historicProcessInstanceQuery/],
      ['/process-instance/delete', { processInstanceQuery: { businessKey: 'nobody-has-this' } }, 'BadUserRequestException', /select at least one process instance/],
      ['/process-instance/delete', { processInstanceQuery: { colour: 'red' } }, 'InvalidRequestException', /'processInstanceQuery\.colour' is not a filter/],
      ['/process-instance/delete', { processInstanceQuery: { withIncident: 'sometimes' } }, 'InvalidRequestException', /'processInstanceQuery'.*withIncident/],
      ['/process-instance/delete', { processInstanceQuery: 'all' }, 'InvalidRequestException', /'processInstanceQuery' expected an object/],
      ['/process-instance/delete', { processInstanceIds: 'abc' }, 'InvalidRequestException', /'processInstanceIds'/],
      ['/process-instance/delete', { procesInstanceIds: ['a'] }, 'InvalidRequestException', /procesInstanceIds/],
      ['/process-instance/delete', { processInstanceIds: ['a'], skipSubprocesses: true }, 'InvalidRequestException', /'skipSubprocesses'/],
      ['/job/retries', { jobIds: ['a'] }, 'InvalidRequestException', /'retries' is required/],
      ['/job/retries', { jobIds: ['a'], retries: -1 }, 'InvalidRequestException', /'retries' must not be negative/],
      ['/job/retries', { jobIds: ['a'], retries: 1, dueDate: 'tomorrow' }, 'InvalidRequestException', /'dueDate'/],
      ['/job/retries', { retries: 1 }, 'BadUserRequestException', /jobIds, jobQuery, processInstanceIds/],
      ['/job/retries', { retries: 1, jobQuery: { processDefinitionKey: 'nothing-here' } }, 'BadUserRequestException', /select at least one job/],
      ['/job/retries', { retries: 1, jobQuery: { dueBefore: 'soon' } }, 'InvalidRequestException', /'jobQuery'.*dueBefore/],
      ['/external-task/retries-async', { externalTaskIds: ['a'], retries: 1.5 }, 'InvalidRequestException', /'retries' expected an integer/],
      ['/external-task/retries-async', { retries: 2 }, 'BadUserRequestException', /externalTaskIds, externalTaskQuery/],
      ['/external-task/retries-async', { retries: 2, externalTaskQuery: { topicName: 'nothing' } }, 'BadUserRequestException', /select at least one external task/],
    ];
    for (const [path, body, type, message] of cases) {
      const response = await api.post(path, body);
      expectErrorBody(response, 400, type);
      expect(`${path} ${JSON.stringify(body)} → ${response.body.message}`).toMatch(message);
    }
    expect((await api.get('/history/batch/count')).body.count).toBe(before);
  });

  it('POST /job/retries over the failed jobs of a definition: the incidents resolve and the jobs run again', async () => {
    const ids = await startMany('e2e_batch_job', 3);
    await eventually(async () => expect((await api.get('/incident/count', { processDefinitionKeyIn: 'e2e_batch_job' })).body).toEqual({ count: 3 }), { timeoutMs: 60_000 });
    for (const id of ids) expect((await api.put(`/process-instance/${id}/variables/ready`, { value: true, type: 'Boolean' })).status).toBe(204);

    const created = await api.post('/job/retries', { jobQuery: { processDefinitionKey: 'e2e_batch_job', noRetriesLeft: true }, retries: 1 });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: 'set-job-retries', totalJobs: 1 });

    expect((await finished(created.body.id)).items).toMatchObject({ total: 3, done: 3 });
    await eventually(async () => {
      for (const id of ids) expect((await api.get('/task', { processInstanceId: id })).body.map((t: { taskDefinitionKey: string }) => t.taskDefinitionKey)).toEqual(['synced']);
    });
    expect((await api.get('/incident/count', { processDefinitionKeyIn: 'e2e_batch_job' })).body).toEqual({ count: 0 });
  });

  it('POST /external-task/retries-async and PUT /external-task/retries set the retries of failed external tasks', async () => {
    const ids = await startMany('e2e_batch_ext', 2);
    const locked = (await api.post('/external-task/fetchAndLock', { workerId: 'w', maxTasks: 10, topics: [{ topicName: 'e2e-batch-topic', lockDuration: 60_000 }] })).body as { id: string }[];
    expect(locked).toHaveLength(2);
    for (const task of locked) expect((await api.post(`/external-task/${task.id}/failure`, { workerId: 'w', errorMessage: 'CRM down', retries: 0 })).status).toBe(204);
    expect((await api.get('/incident/count', { incidentType: 'failedExternalTask' })).body.count).toBeGreaterThanOrEqual(2);
    // the cockpit's retry dialog counts the instances per incident kind before it starts a batch of that kind
    expect((await api.get('/history/process-instance/count', { processDefinitionKey: 'e2e_batch_ext', incidentType: 'failedExternalTask' })).body).toEqual({ count: 2 });
    expect((await api.get('/history/process-instance', { processDefinitionKey: 'e2e_batch_ext', incidentType: 'failedExternalTask' })).body.map((i: { id: string }) => i.id).sort()).toEqual([...ids].sort());
    expect((await api.get('/history/process-instance/count', { processDefinitionKey: 'e2e_batch_ext', incidentType: 'failedJob' })).body).toEqual({ count: 0 });

    const created = await api.post('/external-task/retries-async', { processInstanceIds: ids, retries: 2 });
    expect(created.status).toBe(200);
    expect(created.body.type).toBe('set-external-task-retries');
    await finished(created.body.id);
    for (const task of locked) expect((await api.get(`/external-task/${task.id}`)).body.retries).toBe(2);
    for (const id of ids) expect((await api.get('/incident/count', { processInstanceId: id })).body).toEqual({ count: 0 });

    expect((await api.put('/external-task/retries', { externalTaskIds: locked.map((t) => t.id), retries: 5 })).status).toBe(204);
    for (const task of locked) expect((await api.get(`/external-task/${task.id}`)).body.retries).toBe(5);
    expectErrorBody(await api.put('/external-task/retries', { externalTaskIds: [locked[0]!.id, 'no-such-task'], retries: 7 }), 404);
    expect((await api.get(`/external-task/${locked[0]!.id}`)).body.retries).toBe(5);
    expectErrorBody(await api.put('/external-task/retries', { externalTaskIds: [locked[0]!.id], retries: -1 }), 400);
  });

  it('lists running batches and their statistics, suspends and activates one; GET /job shows its jobs', async () => {
    // many targets that are gone already: each is skipped, which takes long enough to watch
    const created = await postAs(oscar, '/process-instance/delete', { processInstanceIds: Array.from({ length: 1500 }, (_, i) => `gone-${i}`) });
    expect(created.status).toBe(200);
    const id = created.body.id as string;
    expect((await api.put(`/batch/${id}/suspended`, { suspended: true })).status).toBe(204);

    expect((await api.get(`/batch/${id}`)).body).toMatchObject({ id, suspended: true, totalJobs: 150 });
    expect((await api.get('/batch', { type: 'instance-deletion', suspended: true })).body.map((b: Batch) => b.id)).toContain(id);
    expect((await api.get('/batch/count', { batchId: id, createUserId: oscar })).body).toEqual({ count: 1 });
    expect((await api.get('/batch/count', { batchId: id, suspended: false })).body).toEqual({ count: 0 });
    const [stats] = (await api.get('/batch/statistics', { batchId: id })).body;
    expect(stats).toMatchObject({ id, suspended: true, totalJobs: 150, failedJobs: 0, items: expect.objectContaining({ total: 1500 }) });
    expect(stats.remainingJobs + stats.completedJobs).toBe(150);
    expect((await api.get('/batch/statistics/count', { batchId: id, hasFailure: false })).body).toEqual({ count: 1 });
    const jobs = (await api.get('/job', { suspended: true })).body.filter((j: { batchId: string | null }) => j.batchId === id);
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs[0]).toMatchObject({ processInstanceId: null, processDefinitionId: null, jobDefinitionId: expect.stringMatching(new RegExp(`^${id}:batch-`)) });

    // a chunk that was running finishes its current item (however long that takes on a loaded
    // machine: until the count holds still for 2 s); then nothing moves
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const pending = await eventually(async () => {
      const before = (await history(id)).items.pending;
      await pause(2000);
      expect((await history(id)).items.pending).toBe(before);
      return before;
    }, { timeoutMs: 60_000 });
    await pause(1500);
    expect((await history(id)).items.pending).toBe(pending);
    expect(pending).toBeGreaterThan(0);

    expect((await api.put(`/batch/${id}/suspended`, { suspended: false })).status).toBe(204);
    expect((await finished(id)).items).toMatchObject({ total: 1500, skipped: 1500, pending: 0 });
    const [skipped] = (await api.get(`/history/batch/${id}/items`, { status: 'skipped', maxResults: 1 })).body;
    expect(skipped).toMatchObject({ targetId: 'gone-0', status: 'skipped', message: "Process instance with id 'gone-0' does not exist", time: expect.stringMatching(CAMUNDA_DATE) });
  }, 300_000);

  it('DELETE /batch/{id} stops a batch and keeps its history (canceled items); cascade removes the history too', async () => {
    const targets = Array.from({ length: 1500 }, (_, i) => `gone-${i}`);
    const kept = (await api.post('/process-instance/delete', { processInstanceIds: targets })).body as Batch;
    const removed = (await api.post('/process-instance/delete', { processInstanceIds: targets })).body as Batch;

    expect((await api.delete(`/batch/${kept.id}`)).status).toBe(204);
    expect((await api.delete(`/batch/${removed.id}?cascade=true`)).status).toBe(204);

    const ended = await history(kept.id);
    expect(ended.endTime).toMatch(CAMUNDA_DATE);
    expect(ended.items.canceled).toBeGreaterThan(0);
    expect(ended.items.pending).toBe(0);
    expectErrorBody(await api.get(`/history/batch/${removed.id}`), 404);
    const left = (await api.get('/job')).body.filter((j: { batchId: string | null }) => j.batchId === kept.id || j.batchId === removed.id);
    expect(left).toEqual([]);
    expect((await api.get('/history/batch', { completed: true, batchId: kept.id })).body).toHaveLength(1);
    expect((await api.get('/history/batch/count', { completed: false, batchId: kept.id })).body).toEqual({ count: 0 });

    expect((await api.delete(`/history/batch/${kept.id}`)).status).toBe(204);
    expectErrorBody(await api.get(`/history/batch/${kept.id}`), 404);
  });

  it('answers 404 for unknown batches and 400 for bad parameters', async () => {
    expectErrorBody(await api.get('/batch/no-such-batch'), 404);
    expectErrorBody(await api.delete('/batch/no-such-batch'), 404);
    expectErrorBody(await api.put('/batch/no-such-batch/suspended', { suspended: true }), 404);
    expectErrorBody(await api.get('/history/batch/no-such-batch'), 404);
    expectErrorBody(await api.get('/history/batch/no-such-batch/items'), 404);
    expectErrorBody(await api.delete('/history/batch/no-such-batch'), 404);

    const running = (await api.post('/process-instance/delete', { processInstanceIds: Array.from({ length: 1500 }, (_, i) => `gone-${i}`) })).body as Batch;
    expectErrorBody(await api.put(`/batch/${running.id}/suspended`, { suspended: 'yes' }), 400, 'InvalidRequestException');
    expectErrorBody(await api.put(`/batch/${running.id}/suspended`, {}), 400, 'InvalidRequestException');
    expectErrorBody(await api.delete(`/batch/${running.id}?cascade=maybe`), 400, 'InvalidRequestException');
    expectErrorBody(await api.delete(`/history/batch/${running.id}`), 400, 'BadUserRequestException');
    expectErrorBody(await api.get(`/history/batch/${running.id}/items`, { status: 'lost' }), 400, 'InvalidRequestException');
    expectErrorBody(await api.get('/batch', { sortBy: 'colour', sortOrder: 'asc' }), 400);
    expectErrorBody(await api.get('/batch/statistics', { sortBy: 'batchId' }), 400);
    expectErrorBody(await api.get('/history/batch', { completed: 'often' }), 400);
    expectErrorBody(await api.get('/batch/count', { startedAfter: 'yesterday' }), 400);
    expect((await api.delete(`/batch/${running.id}?cascade=true`)).status).toBe(204);
  });
});
