import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../support/crm-client.js';
import { expectErrorBody, RestClient } from '../support/rest-client.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../support/test-app.js';

describe('task comments and process instance modification over REST', () => {
  let app: TestApp;
  let rest: RestClient;

  beforeAll(async () => {
    app = await startTestApp();
    rest = new RestClient(app.rest, app.adminAuth);
    const deployed = await rest.deploy([{ name: 'steps.bpmn', content: bpmn('steps', `
      <startEvent id="start"/>
      <userTask id="manager" camunda:candidateGroups="manager"/>
      <userTask id="director"/>
      <endEvent id="end"/>
      ${flows('start', 'manager', 'director', 'end')}`) }]);
    expect(deployed.status).toBe(200);
  });
  afterAll(() => app?.close());

  it('keeps comments on a task, with the author, after the task completed', async () => {
    const started = await rest.post<{ id: string }>('/process-definition/key/steps/start', {});
    const [task] = (await rest.get<{ id: string }[]>('/task', { processInstanceId: started.body.id })).body;
    const mary = await new CrmClient(app.url, app.adminAuth).ok<{ id: string }>('POST', '/api/users', { name: 'Mary Manager', email: `mary.${Date.now()}@example.com`, role: 'manager', level: 'junior', password: TEST_USER_PASSWORD });
    const created = await fetch(`${app.rest}/task/${task!.id}/comment/create`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...basicAuth(mary.id, TEST_USER_PASSWORD) }, body: JSON.stringify({ message: 'Customer called back' }),
    });
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ taskId: task!.id, userId: mary.id, message: 'Customer called back', processInstanceId: started.body.id });
    expectErrorBody(await rest.post(`/task/${task!.id}/comment/create`, { message: '' }), 400);
    expectErrorBody(await rest.post('/task/no-such-task/comment/create', { message: 'x' }), 404);
    expect((await rest.post(`/task/${task!.id}/complete`, {})).status).toBe(204);
    const comments = await rest.get<{ message: string; userId: string }[]>(`/task/${task!.id}/comment`);
    expect(comments.body.map((c) => [c.userId, c.message])).toEqual([[mary.id, 'Customer called back']]);
  });

  it('moves a token from the manager step to the director step', async () => {
    const started = await rest.post<{ id: string }>('/process-definition/key/steps/start', {});
    const moved = await rest.post(`/process-instance/${started.body.id}/modification`, {
      instructions: [{ type: 'cancel', activityId: 'manager' }, { type: 'startBeforeActivity', activityId: 'director' }],
    });
    expect(moved.status).toBe(204);
    const tasks = (await rest.get<{ taskDefinitionKey: string }[]>('/task', { processInstanceId: started.body.id })).body;
    expect(tasks.map((t) => t.taskDefinitionKey)).toEqual(['director']);
    expectErrorBody(await rest.post(`/process-instance/${started.body.id}/modification`, { instructions: [{ type: 'startBeforeActivity', activityId: 'nowhere' }] }), 400);
    expectErrorBody(await rest.post(`/process-instance/${started.body.id}/modification`, { instructions: [{ type: 'jump' }] }), 400);
    expectErrorBody(await rest.post('/process-instance/missing/modification', { instructions: [{ type: 'cancel', activityId: 'manager' }] }), 404);
  });

  it('refuses more than 1000 instructions with a 400 naming the list, and changes nothing', async () => {
    const started = await rest.post<{ id: string }>('/process-definition/key/steps/start', {});
    const many = Array.from({ length: 1001 }, () => ({ type: 'startBeforeActivity', activityId: 'director' }));
    const refused = await rest.post<{ message: string }>(`/process-instance/${started.body.id}/modification`, { instructions: many });
    expectErrorBody(refused, 400);
    expect(refused.body.message).toContain('instructions');
    expect(refused.body.message).toContain('at most 1000');
    const tasks = (await rest.get<{ taskDefinitionKey: string }[]>('/task', { processInstanceId: started.body.id })).body;
    expect(tasks.map((t) => t.taskDefinitionKey)).toEqual(['manager']);
  });
});
