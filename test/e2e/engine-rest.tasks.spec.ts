import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { RestClient, expectErrorBody } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const model = bpmn('e2e_tasks', `
    <startEvent id="start"/>
    <userTask id="qualify" name="Qualify \${lead}" camunda:candidateGroups="\${group}" camunda:dueDate="\${due}" camunda:priority="\${priority}"/>
    <userTask id="followUp" name="Follow up"/>
    <endEvent id="end"/>
    ${flows('start', 'qualify', 'followUp', 'end')}`);

interface Task { id: string; name: string; assignee: string | null; due: string | null; priority: number; processInstanceId: string; taskDefinitionKey: string }

/** four leads: who may work on them, when they are due, how urgent */
const leads = [
  { lead: 'a', group: 'sales', due: '2031-01-01T09:00:00.000+0000', priority: 10 },
  { lead: 'b', group: 'sales', due: '2031-03-01T09:00:00.000+0000', priority: 50 },
  { lead: 'c', group: 'support', due: '2031-02-01T09:00:00.000+0000', priority: 30 },
  { lead: 'd', group: 'sales,support', due: '2031-04-01T09:00:00.000+0000', priority: 20 },
];

describe('REST: user tasks', () => {
  let app: TestApp;
  let api: RestClient;
  let definitionId: string;
  const instanceOf: Record<string, string> = {};
  const taskOf: Record<string, string> = {};

  const names = (tasks: Task[]) => tasks.map((t) => t.name.replace('Qualify ', ''));
  const list = async (query: Record<string, string | number | boolean>) => {
    const response = await api.get<Task[]>('/task', { processDefinitionId: definitionId, taskDefinitionKey: 'qualify', ...query });
    expect(response.status).toBe(200);
    return response.body;
  };
  const count = async (query: Record<string, string | number | boolean>) =>
    (await api.get<{ count: number }>('/task/count', { processDefinitionId: definitionId, taskDefinitionKey: 'qualify', ...query })).body.count;

  beforeAll(async () => {
    app = await startTestApp();
    api = new RestClient(app.rest, app.adminAuth);
    const deployed = await api.deploy([{ name: 'tasks.bpmn', content: model }]);
    definitionId = Object.keys(deployed.body.deployedProcessDefinitions)[0]!;
    for (const l of leads) {
      const started = await api.post('/process-definition/key/e2e_tasks/start', {
        businessKey: `lead-${l.lead}`,
        variables: {
          lead: { value: l.lead, type: 'String' },
          group: { value: l.group, type: 'String' },
          due: { value: l.due, type: 'Date' },
          priority: { value: l.priority, type: 'Integer' },
        },
      });
      expect(started.status).toBe(200);
      instanceOf[l.lead] = started.body.id;
      const [task] = (await api.get<Task[]>('/task', { processInstanceId: started.body.id })).body;
      taskOf[l.lead] = task!.id;
    }
  });
  afterAll(() => app.close());

  it('creates each task with the name, due date and priority its expressions computed', async () => {
    const task = (await api.get<Task>(`/task/${taskOf['c']}`)).body;
    expect(task).toMatchObject({ id: taskOf['c'], name: 'Qualify c', taskDefinitionKey: 'qualify', processInstanceId: instanceOf['c'], due: '2031-02-01T09:00:00.000+0000', priority: 30, assignee: null });
    const links = (await api.get(`/task/${taskOf['d']}/identity-links`)).body;
    expect(links).toEqual(expect.arrayContaining([{ userId: null, groupId: 'sales', type: 'candidate' }, { userId: null, groupId: 'support', type: 'candidate' }]));
  });

  it('filters by process instance', async () => {
    expect(names(await api.get<Task[]>('/task', { processInstanceId: instanceOf['b']! }).then((r) => r.body))).toEqual(['b']);
    expect(await api.get('/task', { processInstanceId: 'no-such-instance' }).then((r) => r.body)).toEqual([]);
  });

  it('filters by candidate group, with assigned tasks only when includeAssignedTasks=true, and by assignee', async () => {
    expect(names(await list({ candidateGroup: 'sales', sortBy: 'priority', sortOrder: 'asc' }))).toEqual(['a', 'd', 'b']);
    expect(names(await list({ candidateGroup: 'support', sortBy: 'priority', sortOrder: 'asc' }))).toEqual(['d', 'c']);
    expect((await api.post(`/task/${taskOf['b']}/claim`, { userId: 'mary' })).status).toBe(204);
    try {
      expect(names(await list({ candidateGroup: 'sales', sortBy: 'priority', sortOrder: 'asc' }))).toEqual(['a', 'd']);
      expect(names(await list({ candidateGroup: 'sales', includeAssignedTasks: true, sortBy: 'priority', sortOrder: 'asc' }))).toEqual(['a', 'd', 'b']);
      expect(names(await list({ assignee: 'mary' }))).toEqual(['b']);
      expect(await count({ assignee: 'mary' })).toBe(1);
      expect(await count({ candidateGroup: 'sales' })).toBe(2);
      expect(await count({ candidateGroup: 'sales', includeAssignedTasks: true })).toBe(3);
    } finally {
      await api.post(`/task/${taskOf['b']}/unclaim`);
    }
  });

  it('filters by due date', async () => {
    expect(names(await list({ dueBefore: '2031-02-15T00:00:00.000+0000', sortBy: 'dueDate', sortOrder: 'asc' }))).toEqual(['a', 'c']);
    expect(names(await list({ dueAfter: '2031-02-15T00:00:00.000+0000', sortBy: 'dueDate', sortOrder: 'asc' }))).toEqual(['b', 'd']);
    expect(await count({ dueBefore: '2031-02-15T00:00:00.000+0000' })).toBe(2);
  });

  it('sorts and pages', async () => {
    expect(names(await list({ sortBy: 'dueDate', sortOrder: 'desc' }))).toEqual(['d', 'b', 'c', 'a']);
    expect(names(await list({ sortBy: 'priority', sortOrder: 'desc' }))).toEqual(['b', 'c', 'd', 'a']);
    expect(names(await list({ sortBy: 'priority', sortOrder: 'desc', firstResult: 1, maxResults: 2 }))).toEqual(['c', 'd']);
    expect(names(await list({ sortBy: 'priority', sortOrder: 'desc', firstResult: 3, maxResults: 10 }))).toEqual(['a']);
    expect(await list({ sortBy: 'priority', sortOrder: 'desc', firstResult: 4 })).toEqual([]);
    expect(await count({})).toBe(4);
  });

  it('refuses bad query parameters with 400', async () => {
    expectErrorBody(await api.get('/task', { sortOrder: 'asc' }), 400, 'InvalidRequestException');
    expectErrorBody(await api.get('/task', { sortBy: 'priority' }), 400, 'InvalidRequestException');
    expectErrorBody(await api.get('/task', { sortBy: 'priority', sortOrder: 'sideways' }), 400);
    expectErrorBody(await api.get('/task', { sortBy: 'noSuchColumn', sortOrder: 'asc' }), 400);
    expectErrorBody(await api.get('/task', { dueBefore: 'next tuesday' }), 400);
    expectErrorBody(await api.get('/task', { maxResults: -1 }), 400);
    expectErrorBody(await api.get('/task', { firstResult: 'first' }), 400);
    expectErrorBody(await api.get('/task', { includeAssignedTasks: 'perhaps', candidateGroup: 'sales' }), 400);
    expectErrorBody(await api.get('/task/count', { priority: 'high' }), 400);
  });

  it('claims, refuses a claim by another user, unclaims and sets the assignee', async () => {
    const id = taskOf['a']!;
    expect((await api.post(`/task/${id}/claim`, { userId: 'mary' })).status).toBe(204);
    expect((await api.get<Task>(`/task/${id}`)).body.assignee).toBe('mary');
    const stolen = await api.post(`/task/${id}/claim`, { userId: 'john' });
    expectErrorBody(stolen, 400, 'BadUserRequestException', 'TASK_ALREADY_CLAIMED');
    expect(stolen.body.code).toBe(0);
    expect(stolen.body.message).toContain('mary');
    expect((await api.get<Task>(`/task/${id}`)).body.assignee).toBe('mary');
    expectErrorBody(await api.post(`/task/${id}/claim`, {}), 400);

    expect((await api.post(`/task/${id}/unclaim`)).status).toBe(204);
    expect((await api.get<Task>(`/task/${id}`)).body.assignee).toBeNull();
    expect((await api.post(`/task/${id}/claim`, { userId: 'john' })).status).toBe(204);
    expect((await api.post(`/task/${id}/assignee`, { userId: 'kim' })).status).toBe(204);
    expect((await api.get<Task>(`/task/${id}`)).body.assignee).toBe('kim');
    const historic = (await api.get('/history/task', { taskId: id })).body;
    expect(historic).toEqual([expect.objectContaining({ id, assignee: 'kim', endTime: null })]);
  });

  it('answers 404 for unknown tasks', async () => {
    for (const [method, path, body] of [
      ['get', '/task/no-such-task', undefined],
      ['post', '/task/no-such-task/claim', { userId: 'mary' }],
      ['post', '/task/no-such-task/unclaim', undefined],
      ['post', '/task/no-such-task/assignee', { userId: 'mary' }],
      ['post', '/task/no-such-task/complete', {}],
      ['get', '/task/no-such-task/variables', undefined],
    ] as const) {
      const response = method === 'get' ? await api.get(path) : await api.post(path, body);
      expectErrorBody(response, 404);
    }
  });

  it('completes with variables: the instance moves on, a second completion is 404', async () => {
    const id = taskOf['c']!;
    const done = await api.post(`/task/${id}/complete`, { variables: { qualified: { value: true, type: 'Boolean' }, score: { value: 87, type: 'Integer' } } });
    expect(done.status).toBe(204);
    expect(done.text).toBe('');
    const [next] = (await api.get<Task[]>('/task', { processInstanceId: instanceOf['c']! })).body;
    expect(next).toMatchObject({ taskDefinitionKey: 'followUp', name: 'Follow up' });
    const variables = (await api.get(`/process-instance/${instanceOf['c']}/variables`)).body;
    expect(variables).toMatchObject({ qualified: { value: true, type: 'Boolean' }, score: { value: 87, type: 'Integer' } });
    expectErrorBody(await api.post(`/task/${id}/complete`, {}), 404);

    const returned = await api.post(`/task/${next!.id}/complete`, { variables: { closed: { value: 'yes', type: 'String' } }, withVariablesInReturn: true });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ closed: { value: 'yes', type: 'String' }, score: { value: 87, type: 'Integer' }, lead: { value: 'c', type: 'String' } });
    expect((await api.get(`/history/process-instance/${instanceOf['c']}`)).body.state).toBe('COMPLETED');
  });

  it('refuses a completion with badly typed variables and leaves the task open', async () => {
    const id = taskOf['d']!;
    expectErrorBody(await api.post(`/task/${id}/complete`, { variables: { score: { value: 'many', type: 'Integer' } } }), 400);
    expectErrorBody(await api.post(`/task/${id}/complete`, { variables: { score: { value: 1, type: 'Banana' } } }), 400);
    expectErrorBody(await api.post(`/task/${id}/complete`, { variables: 'all of them' }), 400);
    expect((await api.get<Task>(`/task/${id}`)).status).toBe(200);
    expect((await api.get(`/process-instance/${instanceOf['d']}/variables`)).body).not.toHaveProperty('score');
  });
});
