import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../support/crm-client.js';
import { eventually } from '../support/eventually.js';
import { expectErrorBody, RestClient } from '../support/rest-client.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../support/test-app.js';

interface Task { taskDefinitionKey: string }
interface HistoricActivity { activityId: string }

/**
 * POST /process-definition/{id|key}/start with `startInstructions` (Camunda 7.x): the instance starts
 * at the activities or sequence flows the instructions name, in order, instead of through its start
 * event. It skips the process's first steps, so it takes the right to move tokens (engine.operate).
 */
describe('starting a process instance at chosen activities (startInstructions)', () => {
  let app: TestApp;
  let rest: RestClient;
  let manager: RestClient;

  const tasksOf = async (instanceId: string) =>
    (await rest.get<Task[]>('/task', { processInstanceId: instanceId })).body.map((t) => t.taskDefinitionKey).sort();
  const instanceCount = async () => (await rest.get<{ count: number }>('/history/process-instance/count', { processDefinitionKey: 'start_at' })).body.count;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    rest = new RestClient(app.rest, app.adminAuth);
    const deployed = await rest.deploy([
      { name: 'start-at.bpmn', content: bpmn('start_at', `
        <startEvent id="start"/>
        <userTask id="manager"/>
        <userTask id="head"/>
        <userTask id="director"/>
        <endEvent id="end"/>
        ${flows('start', 'manager', 'head', 'director', 'end')}`) },
      { name: 'message-only.bpmn', content: bpmn('message_only', `
        <startEvent id="byMessage"><messageEventDefinition messageRef="kick"/></startEvent>
        <userTask id="work"/>
        <endEvent id="end"/>
        ${flows('byMessage', 'work', 'end')}`, '<message id="kick" name="kick"/>') },
    ]);
    expect(deployed.status).toBe(200);
    const user = await new CrmClient(app.url, app.adminAuth).ok<{ id: string }>('POST', '/api/users', {
      name: 'Mona Manager', email: `mona.${Date.now()}@start-instructions.test`, role: 'manager', level: 'junior', password: TEST_USER_PASSWORD,
    });
    manager = new RestClient(app.rest, basicAuth(user.id, TEST_USER_PASSWORD));
  });
  afterAll(() => app?.close());

  it('starts before an activity, with the variables of the start, and history names it as the start', async () => {
    const started = await rest.post<{ id: string; ended: boolean }>('/process-definition/key/start_at/start', {
      variables: { amount: { value: 5000, type: 'Integer' } },
      startInstructions: [{ type: 'startBeforeActivity', activityId: 'head', variables: { note: { value: 'escalated', type: 'String' } } }],
    });
    expect(started.status).toBe(200);
    expect(started.body.ended).toBe(false);
    expect(await tasksOf(started.body.id)).toEqual(['head']);
    const variables = (await rest.get<Record<string, { value: unknown }>>(`/process-instance/${started.body.id}/variables`)).body;
    expect({ amount: variables['amount']?.value, note: variables['note']?.value }).toEqual({ amount: 5000, note: 'escalated' });
    const history = (await rest.get<{ startActivityId: string }>(`/history/process-instance/${started.body.id}`)).body;
    expect(history.startActivityId).toBe('head');
    const activities = (await rest.get<HistoricActivity[]>('/history/activity-instance', { processInstanceId: started.body.id })).body.map((a) => a.activityId);
    expect(activities).not.toContain('start');
    expect(activities).not.toContain('manager');
  });

  it('starts after an activity, on a sequence flow, and at several places at once', async () => {
    const after = await rest.post<{ id: string }>('/process-definition/key/start_at/start', { startInstructions: [{ type: 'startAfterActivity', activityId: 'manager' }] });
    expect(await tasksOf(after.body.id)).toEqual(['head']);
    const onFlow = await rest.post<{ id: string }>('/process-definition/key/start_at/start', { startInstructions: [{ type: 'startTransition', transitionId: 'f_head_director' }] });
    expect(await tasksOf(onFlow.body.id)).toEqual(['director']);
    const twice = await rest.post<{ id: string }>('/process-definition/key/start_at/start', {
      startInstructions: [{ type: 'startBeforeActivity', activityId: 'manager' }, { type: 'startBeforeActivity', activityId: 'director' }],
    });
    expect(await tasksOf(twice.body.id)).toEqual(['director', 'manager']);
  });

  it('starts a process that has no none start event at an activity', async () => {
    expectErrorBody(await rest.post('/process-definition/key/message_only/start', {}), 400);
    const started = await rest.post<{ id: string }>('/process-definition/key/message_only/start', { startInstructions: [{ type: 'startBeforeActivity', activityId: 'work' }] });
    expect(started.status).toBe(200);
    expect(await tasksOf(started.body.id)).toEqual(['work']);
  });

  it('refuses instructions naming nothing in the process, or a cancel, with a 400 naming it, and starts nothing', async () => {
    const before = await instanceCount();
    const unknown = await rest.post<{ message: string }>('/process-definition/key/start_at/start', {
      startInstructions: [{ type: 'startBeforeActivity', activityId: 'manager' }, { type: 'startBeforeActivity', activityId: 'nowhere' }],
    });
    expectErrorBody(unknown, 400);
    expect(unknown.body.message).toContain("start instruction 2 (startBeforeActivity): the process has no element 'nowhere'");
    expectErrorBody(await rest.post('/process-definition/key/start_at/start', { startInstructions: [{ type: 'startTransition', transitionId: 'no-flow' }] }), 400);
    const cancel = await rest.post<{ message: string }>('/process-definition/key/start_at/start', { startInstructions: [{ type: 'cancel', activityId: 'manager' }] });
    expectErrorBody(cancel, 400);
    expect(cancel.body.message).toContain("'startInstructions.0.type'");
    const missing = await rest.post<{ message: string }>('/process-definition/key/start_at/start', { startInstructions: [{ type: 'startBeforeActivity' }] });
    expectErrorBody(missing, 400);
    expect(missing.body.message).toContain("'startInstructions.0.activityId'");
    expectErrorBody(await rest.post('/process-definition/key/start_at/start', { startInstructions: [{ type: 'jump', activityId: 'head' }] }), 400);
    const tooMany = await rest.post<{ message: string }>('/process-definition/key/start_at/start', {
      startInstructions: Array.from({ length: 1001 }, () => ({ type: 'startBeforeActivity', activityId: 'head' })),
    });
    expectErrorBody(tooMany, 400);
    expect(tooMany.body.message).toContain('startInstructions');
    expect(tooMany.body.message).toContain('at most 1000');
    expect(await instanceCount()).toBe(before);
  });

  it('takes the right to move tokens: a manager who may start the process may not start it past its first steps', async () => {
    const before = await instanceCount();
    const refused = await manager.post<{ message: string }>('/process-definition/key/start_at/start', { startInstructions: [{ type: 'startBeforeActivity', activityId: 'director' }] });
    expectErrorBody(refused, 403);
    expect(refused.body.message).toContain("'engine.operate'");
    expect(await instanceCount()).toBe(before);
    expect((await manager.post('/process-definition/key/start_at/start', {})).status).toBe(200);
    expect((await manager.post('/process-definition/key/start_at/start', { startInstructions: [] })).status).toBe(200);
    expect(await instanceCount()).toBe(before + 2);
  });

  it('records a start at chosen activities in the audit log, and a refused one, but not everyday starts', async () => {
    const crm = new CrmClient(app.url, app.adminAuth);
    const rows = async () => (await crm.ok<{ items: { outcome: string; status: number; actorId: string; targetId: string; details: Record<string, unknown> }[] }>(
      'GET', '/api/audit', { action: 'process-instance.start-at', pageSize: 50 })).items;
    const before = (await rows()).length;
    expect((await rest.post('/process-definition/key/start_at/start', {})).status).toBe(200);
    expect((await rest.post('/process-definition/key/start_at/start', { startInstructions: [{ type: 'startBeforeActivity', activityId: 'director', variables: { note: { value: 'secret', type: 'String' } } }] })).status).toBe(200);
    const [row] = await rows();
    expect(row).toMatchObject({ outcome: 'success', status: 200, targetId: 'start_at', details: { instructions: [{ type: 'startBeforeActivity', activityId: 'director', variables: [{ name: 'note', type: 'String' }] }], count: 1 } });
    expect(JSON.stringify(row)).not.toContain('secret');
    expect(await rows()).toHaveLength(before + 1);

    expectErrorBody(await manager.post('/process-definition/key/start_at/start', { startInstructions: [{ type: 'startBeforeActivity', activityId: 'director' }] }), 403);
    // a refusal is recorded once its answer is sent
    await eventually(async () => expect((await rows()).map((r) => [r.outcome, r.status])).toEqual([['refused', 403], ['success', 200], ...Array(before).fill(expect.anything())]));
  });
});
