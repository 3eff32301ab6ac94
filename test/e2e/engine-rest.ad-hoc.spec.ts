import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../support/crm-client.js';
import { createCast, type CrmCast } from '../support/crm-fixtures.js';
import { expectErrorBody, RestClient } from '../support/rest-client.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../support/test-app.js';

/** a service case worked by hand: parallel, ends when `resolved` holds */
const serviceCase = bpmn('adhoc_service_case', `
  <startEvent id="start"/>
  <adHocSubProcess id="case" name="Work the case">
    <userTask id="call" name="Call the customer" camunda:candidateGroups="service"/>
    <userTask id="visit" name="Visit on site"/>
    <userTask id="followUp" name="Follow up"/>
    ${flows('call', 'followUp')}
    <completionCondition xsi:type="tFormalExpression">\${resolved}</completionCondition>
  </adHocSubProcess>
  <userTask id="after"/>
  <endEvent id="end"/>
  ${flows('start', 'case', 'after', 'end')}`);

/** one step at a time, and no completion condition: someone completes it */
const sequentialCase = bpmn('adhoc_sequential_case', `
  <startEvent id="start"/>
  <adHocSubProcess id="case" ordering="Sequential">
    <userTask id="call"/>
    <userTask id="email"/>
  </adHocSubProcess>
  <userTask id="after"/>
  <endEvent id="end"/>
  ${flows('start', 'case', 'after', 'end')}`);

interface ActivityInstance { id: string; activityId: string; activityType: string; childActivityInstances: ActivityInstance[] }
interface AuditRow { actorId: string; action: string; targetType: string; targetId: string; outcome: string; details: Record<string, unknown> }

describe('ad-hoc sub-processes over REST (/process-instance/{id}/adhoc/{adHocId}/...)', () => {
  let app: TestApp;
  let api: CrmClient;
  let admin: RestClient;
  let cast: CrmCast;
  let ops: RestClient;
  let opsId: string;
  let worker: RestClient;
  const as = (userId: string) => new RestClient(app.rest, basicAuth(userId, TEST_USER_PASSWORD));

  /** the service agent starts the case: it is theirs to see */
  const startCase = async (key = 'adhoc_service_case'): Promise<string> => {
    const started = await as(cast.agent).post<{ id: string }>(`/process-definition/key/${key}/start`, { variables: { resolved: { value: false, type: 'Boolean' } } });
    expect(started.status).toBe(200);
    return started.body.id;
  };
  const taskKeys = async (instanceId: string) => (await admin.get<{ taskDefinitionKey: string }[]>('/task', { processInstanceId: instanceId })).body.map((t) => t.taskDefinitionKey).sort();
  const auditRows = async (action: string, targetId: string): Promise<AuditRow[]> => (await api.ok<{ items: AuditRow[] }>('GET', '/api/audit', { action, targetId, pageSize: 50 })).items;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    api = new CrmClient(app.url, app.adminAuth);
    admin = new RestClient(app.rest, app.adminAuth);
    cast = await createCast(api, 'adhoc');
    opsId = (await api.ok<{ id: string }>('POST', '/api/users', { name: 'Oscar Ops', email: `oscar.adhoc.${Date.now()}@e2e.test`, role: 'ops', password: TEST_USER_PASSWORD })).id;
    ops = as(opsId);
    const key = await api.ok<{ key: string }>('POST', '/api/api-keys', { name: 'adhoc worker', roles: ['worker'] });
    worker = new RestClient(app.rest, { authorization: `Bearer ${key.key}` });
    const deployed = await admin.deploy([{ name: 'service-case.bpmn', content: serviceCase }, { name: 'sequential-case.bpmn', content: sequentialCase }]);
    expect(deployed.status).toBe(200);
  });
  afterAll(() => app?.close());

  it('lists the enabled activities, by element id or activity instance id; the tree shows the sub-process as a scope', async () => {
    const id = await startCase();
    const listed = await as(cast.agent).get(`/process-instance/${id}/adhoc/case/enabled-activities`);
    expect(listed).toMatchObject({ status: 200, body: [
      { activityId: 'call', activityName: 'Call the customer', activityType: 'userTask' },
      { activityId: 'visit', activityName: 'Visit on site', activityType: 'userTask' },
    ] });

    const tree = (await admin.get<ActivityInstance>(`/process-instance/${id}/activity-instances`)).body;
    const caseInstance = tree.childActivityInstances.find((c) => c.activityId === 'case')!;
    expect(caseInstance).toMatchObject({ activityType: 'adHocSubProcess', childActivityInstances: [] });
    expect((await as(cast.agent).get(`/process-instance/${id}/adhoc/${encodeURIComponent(caseInstance.id)}/enabled-activities`)).body).toHaveLength(2);
  });

  it('starts an enabled activity for a case worker who sees the instance, audits it, and the case goes on inside', async () => {
    const id = await startCase();
    const started = await as(cast.agent).post(`/process-instance/${id}/adhoc/case/enabled-activities/call/start`);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ activityId: 'call', activityInstanceId: expect.stringMatching(/^call:/), adHocActivityInstanceId: expect.stringMatching(/^case:/) });
    expect(await taskKeys(id)).toEqual(['call']);

    const tree = (await admin.get<ActivityInstance>(`/process-instance/${id}/activity-instances`)).body;
    const caseInstance = tree.childActivityInstances.find((c) => c.activityId === 'case')!;
    expect(caseInstance.childActivityInstances.map((c) => c.id)).toEqual([started.body.activityInstanceId]);

    const [row] = await auditRows('process-instance.adhoc.start', id);
    expect(row).toMatchObject({ actorId: cast.agent, targetType: 'process-instance', targetId: id, outcome: 'success', details: { adHocId: 'case', activityId: 'call' } });

    // the director (all records, works on tasks) may too; completing with resolved ends the case
    expect((await as(cast.director).post(`/process-instance/${id}/adhoc/case/enabled-activities/visit/start`)).status).toBe(200);
    const [call] = (await admin.get<{ id: string }[]>('/task', { processInstanceId: id, taskDefinitionKey: 'call' })).body;
    expect((await admin.post(`/task/${call!.id}/complete`, { variables: { resolved: { value: true, type: 'Boolean' } } })).status).toBe(204);
    expect(await taskKeys(id)).toEqual(['after']);
    expectErrorBody(await as(cast.agent).post(`/process-instance/${id}/adhoc/case/enabled-activities/visit/start`), 409);
  });

  it('401 without credentials; 403 for callers who do not work on tasks (ops, worker keys), audited as refused', async () => {
    const id = await startCase();
    const path = `/process-instance/${id}/adhoc/case/enabled-activities/call/start`;
    expectErrorBody(await new RestClient(app.rest, {}).post(path), 401);
    expectErrorBody(await new RestClient(app.rest, {}).get(`/process-instance/${id}/adhoc/case/enabled-activities`), 401);
    const refused = await ops.post(path);
    expectErrorBody(refused, 403);
    expect(refused.body.message).toContain('may not work on tasks');
    expectErrorBody(await worker.post(path), 403);
    expectErrorBody(await ops.post(`/process-instance/${id}/adhoc/case/complete`), 403);
    expect(await taskKeys(id)).toEqual([]);
    // ops read it (they see every instance)
    expect((await ops.get(`/process-instance/${id}/adhoc/case/enabled-activities`)).status).toBe(200);
    const rows = await auditRows('process-instance.adhoc.start', id);
    expect(rows.map((r) => `${r.actorId.startsWith('api-key:') ? 'api-key' : r.actorId} ${r.outcome}`).sort()).toEqual([`${opsId} refused`, 'api-key refused'].sort());
  });

  it('404 for an instance the caller does not see, as for a missing one: nothing is listed or started', async () => {
    const id = await startCase();
    const junior = as(cast.junior);
    const invisible = await junior.post(`/process-instance/${id}/adhoc/case/enabled-activities/call/start`);
    const missing = await junior.post('/process-instance/no-such-instance/adhoc/case/enabled-activities/call/start');
    expectErrorBody(invisible, 404);
    expect(invisible.body.message).toBe(`Process instance with id ${id} does not exist`);
    expect(missing.body.message).toBe('Process instance with id no-such-instance does not exist');
    expectErrorBody(await junior.get(`/process-instance/${id}/adhoc/case/enabled-activities`), 404);
    expectErrorBody(await junior.post(`/process-instance/${id}/adhoc/case/complete`), 404);
    expectErrorBody(await worker.get(`/process-instance/${id}/adhoc/case/enabled-activities`), 404);
    expect(await taskKeys(id)).toEqual([]);
  });

  it('names what cannot be started: an unknown element (404), one a flow leads into or not ad-hoc (400)', async () => {
    const id = await startCase();
    const agent = as(cast.agent);
    const unknown = await agent.post(`/process-instance/${id}/adhoc/case/enabled-activities/nowhere/start`);
    expectErrorBody(unknown, 404);
    expect(unknown.body.message).toBe("Ad-hoc sub-process 'case' has no enabled activity 'nowhere': the process has no such element");
    const followUp = await agent.post(`/process-instance/${id}/adhoc/case/enabled-activities/followUp/start`);
    expectErrorBody(followUp, 400);
    expect(followUp.body.message).toContain("'followUp' to be an enabled activity of ad-hoc sub-process 'case', but sequence flows lead into it");
    const notAdHoc = await agent.get(`/process-instance/${id}/adhoc/after/enabled-activities`);
    expectErrorBody(notAdHoc, 400);
    expect(notAdHoc.body.message).toBe("Expected 'after' to be an ad-hoc sub-process, but it is a userTask");
    expectErrorBody(await agent.get(`/process-instance/${id}/adhoc/elsewhere/enabled-activities`), 404);
  });

  it('sequential ordering: a second start while one runs is 409; completing by hand (no condition) continues the flow', async () => {
    const id = await startCase('adhoc_sequential_case');
    const agent = as(cast.agent);
    expect((await agent.post(`/process-instance/${id}/adhoc/case/enabled-activities/call/start`)).status).toBe(200);
    const busy = await agent.post(`/process-instance/${id}/adhoc/case/enabled-activities/email/start`);
    expectErrorBody(busy, 409);
    expect(busy.body.message).toBe("Cannot start 'email' in ad-hoc sub-process 'case': its ordering is Sequential and 'call' is still running");

    expect((await agent.post(`/process-instance/${id}/adhoc/case/complete`)).status).toBe(204);
    expect(await taskKeys(id)).toEqual(['after']);
    const [row] = await auditRows('process-instance.adhoc.complete', id);
    expect(row).toMatchObject({ actorId: cast.agent, outcome: 'success', details: { adHocId: 'case' } });
    const left = await agent.post(`/process-instance/${id}/adhoc/case/complete`);
    expectErrorBody(left, 409);
    expect(left.body.message).toContain('to be in ad-hoc sub-process \'case\', but it is not');
  });

  it('completing one that has a completion condition is 409', async () => {
    const id = await startCase();
    const refused = await as(cast.agent).post(`/process-instance/${id}/adhoc/case/complete`);
    expectErrorBody(refused, 409);
    expect(refused.body.message).toBe("Cannot complete ad-hoc sub-process 'case': it has a completionCondition and completes when that holds");
  });
});
