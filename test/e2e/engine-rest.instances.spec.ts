import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { RestClient, expectErrorBody } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ONE_MIB = 'abcdefgh'.repeat(128 * 1024);

const review = bpmn('e2e_instances', `
    <startEvent id="start"/>
    <userTask id="review" name="Review"/>
    <endEvent id="end"/>
    ${flows('start', 'review', 'end')}`);

const nested = bpmn('e2e_tree', `
    <startEvent id="start"/>
    <parallelGateway id="fork"/>
    <userTask id="approve" name="Approve"/>
    <subProcess id="prepare" name="Prepare">
      <startEvent id="innerStart"/>
      <userTask id="draft" name="Draft"/>
      <endEvent id="innerEnd"/>
      ${flows('innerStart', 'draft', 'innerEnd')}
    </subProcess>
    <parallelGateway id="join"/>
    <endEvent id="end"/>
    ${flows('start', 'fork', 'approve', 'join', 'end')}
    ${flows('fork', 'prepare', 'join')}`);

/** what the engine receives, and what every read answers (Camunda's capitalized type names, dates in UTC) */
const typed: Record<string, { sent: { value: unknown; type: string; valueInfo?: object }; read: { value: unknown; type: string } }> = {
  text: { sent: { value: 'hello', type: 'String' }, read: { value: 'hello', type: 'String' } },
  count: { sent: { value: 42, type: 'Integer' }, read: { value: 42, type: 'Integer' } },
  big: { sent: { value: 3000000000, type: 'Long' }, read: { value: 3000000000, type: 'Long' } },
  small: { sent: { value: 7, type: 'Short' }, read: { value: 7, type: 'Short' } },
  ratio: { sent: { value: 2.5, type: 'Double' }, read: { value: 2.5, type: 'Double' } },
  flag: { sent: { value: true, type: 'Boolean' }, read: { value: true, type: 'Boolean' } },
  when: { sent: { value: '2031-06-01T09:30:00.000+0200', type: 'Date' }, read: { value: '2031-06-01T07:30:00.000+0000', type: 'Date' } },
  customer: { sent: { value: '{"name":"Ada","tags":["vip"]}', type: 'Json' }, read: { value: '{"name":"Ada","tags":["vip"]}', type: 'Json' } },
  nothing: { sent: { value: null, type: 'Null' }, read: { value: null, type: 'Null' } },
  blob: { sent: { value: 'AAEC/w==', type: 'Bytes' }, read: { value: 'AAEC/w==', type: 'Bytes' } },
  markup: { sent: { value: '<a b="1"/>', type: 'Xml' }, read: { value: '<a b="1"/>', type: 'Xml' } },
  notes: { sent: { value: ONE_MIB, type: 'String' }, read: { value: ONE_MIB, type: 'String' } },
};
const sentVariables = Object.fromEntries(Object.entries(typed).map(([name, v]) => [name, v.sent]));
const readVariables = Object.fromEntries(Object.entries(typed).map(([name, v]) => [name, expect.objectContaining(v.read)]));

describe('REST: process instances, variables and history', () => {
  let app: TestApp;
  let api: RestClient;
  let definitionId: string;
  let treeDefinitionId: string;

  beforeAll(async () => {
    app = await startTestApp();
    api = new RestClient(app.rest, app.adminAuth);
    const deployed = await api.deploy([{ name: 'instances.bpmn', content: review }, { name: 'tree.bpmn', content: nested }]);
    expect(deployed.status).toBe(200);
    const byKey = Object.fromEntries(Object.values(deployed.body.deployedProcessDefinitions as Record<string, { id: string; key: string }>).map((d) => [d.key, d.id]));
    definitionId = byKey['e2e_instances']!;
    treeDefinitionId = byKey['e2e_tree']!;
  });
  afterAll(() => app.close());

  it('starts by key with typed variables of every type and reads them back from runtime and history, a 1 MiB String included', async () => {
    const started = await api.post('/process-definition/key/e2e_instances/start', { businessKey: 'deal-1', variables: sentVariables });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ id: expect.any(String), definitionId, businessKey: 'deal-1', ended: false, suspended: false });
    expect(started.body).not.toHaveProperty('variables');
    const id: string = started.body.id;

    const runtime = await api.get(`/process-instance/${id}/variables`);
    expect(runtime.status).toBe(200);
    expect(runtime.body).toEqual(readVariables);
    expect(runtime.body.notes.value).toHaveLength(1024 * 1024);
    const one = await api.get(`/process-instance/${id}/variables/when`);
    expect(one.body).toMatchObject(typed['when']!.read);
    expectErrorBody(await api.get(`/process-instance/${id}/variables/noSuchVariable`), 404);

    const history = await api.get('/history/variable-instance', { processInstanceId: id, deserializeValues: false });
    expect(history.status).toBe(200);
    const historic = Object.fromEntries((history.body as { name: string; type: string; value: unknown; state: string }[]).map((v) => [v.name, v]));
    expect(Object.keys(historic).sort()).toEqual(Object.keys(typed).sort());
    for (const [name, v] of Object.entries(typed)) expect(historic[name]).toMatchObject({ ...v.read, processInstanceId: id, state: 'CREATED' });
    expect((await api.get('/history/variable-instance/count', { processInstanceId: id })).body).toEqual({ count: Object.keys(typed).length });
    expect((await api.get('/history/variable-instance', { processInstanceId: id, variableName: 'count' })).body).toEqual([expect.objectContaining({ name: 'count', value: 42 })]);
  });

  it('starts by id and answers the variables with withVariablesInReturn', async () => {
    const started = await api.post(`/process-definition/${definitionId}/start`, {
      businessKey: 'deal-2',
      variables: { amount: { value: 1500, type: 'Integer' }, customer: { value: '{"id":7}', type: 'Json' } },
      withVariablesInReturn: true,
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({
      definitionId,
      businessKey: 'deal-2',
      ended: false,
      variables: { amount: { value: 1500, type: 'Integer' }, customer: { value: '{"id":7}', type: 'Json' } },
    });
    const instance = await api.get(`/process-instance/${started.body.id}`);
    expect(instance.body).toMatchObject({ id: started.body.id, definitionId, businessKey: 'deal-2', ended: false });
  });

  it('answers 404 for an unknown definition key or id', async () => {
    expectErrorBody(await api.post('/process-definition/key/no_such_process/start', {}), 404);
    expectErrorBody(await api.post('/process-definition/no_such_process:1:x/start', {}), 404);
  });

  it('deletes an instance: history says EXTERNALLY_TERMINATED, the waiting task is canceled, the instance is gone', async () => {
    const started = await api.post('/process-definition/key/e2e_instances/start', { businessKey: 'deal-3' });
    const id: string = started.body.id;
    const [task] = (await api.get('/task', { processInstanceId: id })).body;
    expect(task).toMatchObject({ taskDefinitionKey: 'review' });

    const deleted = await api.delete(`/process-instance/${id}?deleteReason=withdrawn`);
    expect(deleted.status).toBe(204);
    expect((await api.get(`/history/process-instance/${id}`)).body).toMatchObject({ id, state: 'EXTERNALLY_TERMINATED', deleteReason: 'withdrawn', endTime: expect.any(String) });
    expectErrorBody(await api.get(`/process-instance/${id}`), 404);
    expectErrorBody(await api.delete(`/process-instance/${id}`), 404);
    expectErrorBody(await api.get(`/task/${task.id}`), 404);
    expect((await api.get('/task/count', { processInstanceId: id })).body).toEqual({ count: 0 });
    const activities = (await api.get('/history/activity-instance', { processInstanceId: id, activityId: 'review' })).body;
    expect(activities).toEqual([expect.objectContaining({ activityId: 'review', canceled: true, endTime: expect.any(String) })]);
    const historicTask = (await api.get('/history/task', { processInstanceId: id })).body;
    expect(historicTask).toEqual([expect.objectContaining({ id: task.id, endTime: expect.any(String) })]);
  });

  it('answers the activity-instance tree of a running instance', async () => {
    const started = await api.post(`/process-definition/${treeDefinitionId}/start`, {});
    const id: string = started.body.id;
    const tree = await api.get(`/process-instance/${id}/activity-instances`);
    expect(tree.status).toBe(200);
    const shape = (node: { activityId: string; activityType: string; childActivityInstances: unknown[] }): unknown => ({
      activityId: node.activityId,
      activityType: node.activityType,
      children: (node.childActivityInstances as typeof node[]).map(shape).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    });
    expect(shape(tree.body)).toEqual({
      activityId: treeDefinitionId,
      activityType: 'processDefinition',
      children: [
        { activityId: 'approve', activityType: 'userTask', children: [] },
        { activityId: 'prepare', activityType: 'subProcess', children: [{ activityId: 'draft', activityType: 'userTask', children: [] }] },
      ],
    });
    expect(tree.body).toMatchObject({ id, processInstanceId: id, processDefinitionId: treeDefinitionId, parentActivityInstanceId: null });
    const prepare = tree.body.childActivityInstances.find((c: { activityId: string }) => c.activityId === 'prepare');
    expect(prepare.childActivityInstances[0].parentActivityInstanceId).toBe(prepare.id);
    expectErrorBody(await api.get('/process-instance/no-such-instance/activity-instances'), 404);
  });

  it('records the history of a completed instance, with counts matching the lists', async () => {
    const started = await api.post('/process-definition/key/e2e_instances/start', { businessKey: 'deal-4', variables: { amount: { value: 5, type: 'Integer' } } });
    const id: string = started.body.id;
    const [task] = (await api.get('/task', { processInstanceId: id })).body;
    expect((await api.post(`/task/${task.id}/complete`, { variables: { approved: { value: true, type: 'Boolean' } } })).status).toBe(204);

    const instance = await api.get(`/history/process-instance/${id}`);
    expect(instance.body).toMatchObject({
      id, businessKey: 'deal-4', processDefinitionId: definitionId, processDefinitionKey: 'e2e_instances', state: 'COMPLETED',
      startActivityId: 'start', endTime: expect.any(String), durationInMillis: expect.any(Number),
    });
    expect((await api.get('/history/process-instance', { processInstanceBusinessKey: 'deal-4' })).body).toEqual([expect.objectContaining({ id })]);
    expect((await api.get('/history/process-instance/count', { processInstanceBusinessKey: 'deal-4' })).body).toEqual({ count: 1 });
    expect((await api.get('/history/process-instance/count', { processInstanceId: id, completed: true })).body).toEqual({ count: 1 });
    expect((await api.get('/history/process-instance/count', { processInstanceId: id, active: true })).body).toEqual({ count: 0 });
    expectErrorBody(await api.get('/history/process-instance/no-such-instance'), 404);

    const path = await api.get('/history/activity-instance', { processInstanceId: id, sortBy: 'startTime', sortOrder: 'asc' });
    expect(path.body.map((a: { activityId: string }) => a.activityId)).toEqual(['start', 'review', 'end']);
    expect(path.body.every((a: { canceled: boolean; endTime: string | null }) => !a.canceled && a.endTime !== null)).toBe(true);
    expect((await api.get('/history/activity-instance/count', { processInstanceId: id })).body).toEqual({ count: 3 });

    const tasks = await api.get('/history/task', { processInstanceId: id });
    expect(tasks.body).toEqual([expect.objectContaining({ id: task.id, taskDefinitionKey: 'review', name: 'Review', endTime: expect.any(String), deleteReason: 'completed' })]);
    expect((await api.get('/history/task/count', { processInstanceId: id, finished: true })).body).toEqual({ count: 1 });

    const variables = await api.get('/history/variable-instance', { processInstanceId: id });
    expect(variables.body.map((v: { name: string }) => v.name).sort()).toEqual(['amount', 'approved']);
    expectErrorBody(await api.get(`/process-instance/${id}`), 404);
  });

  it('lists and counts running instances with filters', async () => {
    const started = await api.post('/process-definition/key/e2e_instances/start', { businessKey: 'deal-5' });
    expect((await api.get('/process-instance', { businessKey: 'deal-5' })).body).toEqual([expect.objectContaining({ id: started.body.id, businessKey: 'deal-5' })]);
    expect((await api.get('/process-instance/count', { businessKey: 'deal-5' })).body).toEqual({ count: 1 });
    expect((await api.get('/process-instance/count', { businessKey: 'no-such-key' })).body).toEqual({ count: 0 });
    const all = (await api.get('/process-instance/count', { processDefinitionId: definitionId })).body.count;
    const page = await api.get('/process-instance', { processDefinitionId: definitionId, firstResult: 1, maxResults: 1 });
    expect(page.body).toHaveLength(Math.min(1, all - 1));
  });
});
