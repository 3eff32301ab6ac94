import { expectErrorBody } from '../support/rest-client.js';
import { restApiForSpec } from '../support/test-app.js';

const model = (taskExtensions: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://example.com/spec">
  <process id="e2e_listeners" isExecutable="true">
    <extensionElements><camunda:executionListener event="end" expression="\${execution.setVariable('closedBy', reviewer)}"/></extensionElements>
    <startEvent id="start"/>
    <userTask id="review" camunda:candidateGroups="sales">
      <extensionElements>${taskExtensions}</extensionElements>
    </userTask>
    <endEvent id="end"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="review">
      <extensionElements><camunda:executionListener expression="\${execution.setVariable('path', 'f1')}"/></extensionElements>
    </sequenceFlow>
    <sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
  </process>
</definitions>`;

const listening = model(`
  <camunda:taskListener event="create" expression="\${task.setPriority(amount > 1000 ? 90 : 10)}"/>
  <camunda:taskListener event="assignment" expression="\${task.setVariable('reviewer', task.assignee)}"/>
  <camunda:executionListener event="start"><camunda:script scriptFormat="juel">execution.setVariable('startedAt', execution.currentActivityId)</camunda:script></camunda:executionListener>`);

describe('REST: execution and task listeners in a Camunda model', () => {
  const api = restApiForSpec();

  it('run as the instance goes: the flow taken, the task created and claimed, the process ended; what they set is stored', async () => {
    expect((await api.deploy([{ name: 'listeners.bpmn', content: listening }])).status).toBe(200);
    const started = await api.post('/process-definition/key/e2e_listeners/start', { variables: { amount: { value: 5000, type: 'Integer' } } });
    expect(started.status).toBe(200);
    const id = started.body.id as string;
    const variables = (await api.get(`/process-instance/${id}/variables`)).body;
    expect(variables).toMatchObject({ path: { value: 'f1' }, startedAt: { value: 'review' } });
    const [task] = (await api.get('/task', { processInstanceId: id })).body as { id: string; priority: number }[];
    expect(task!.priority).toBe(90);

    expect((await api.post(`/task/${task!.id}/claim`, { userId: 'mia' })).status).toBe(204);
    expect((await api.get(`/process-instance/${id}/variables/reviewer`)).body).toMatchObject({ value: 'mia' });

    expect((await api.post(`/task/${task!.id}/complete`, {})).status).toBe(204);
    expect((await api.get(`/history/process-instance/${id}`)).body.state).toBe('COMPLETED');
    const closedBy = (await api.get('/history/variable-instance', { processInstanceId: id, variableName: 'closedBy' })).body as { value: unknown }[];
    expect(closedBy.map((v) => v.value)).toEqual(['mia']);
  });

  it('honours skipCustomListeners of a modification and of a start with instructions', async () => {
    expect((await api.deploy([{ name: 'listeners.bpmn', content: listening }])).status).toBe(200);
    const started = await api.post('/process-definition/key/e2e_listeners/start', {
      variables: { amount: { value: 5, type: 'Integer' } },
      startInstructions: [{ type: 'startBeforeActivity', activityId: 'review' }],
      skipCustomListeners: true,
    });
    expect(started.status).toBe(200);
    const id = started.body.id as string;
    expect(Object.keys((await api.get(`/process-instance/${id}/variables`)).body)).toEqual(['amount']);
    const [skipped] = (await api.get('/task', { processInstanceId: id })).body as { priority: number }[];
    expect(skipped!.priority).toBe(50);

    const modify = (skipCustomListeners: boolean) =>
      api.post(`/process-instance/${id}/modification`, { skipCustomListeners, instructions: [{ type: 'startBeforeActivity', activityId: 'review' }] });
    expect((await modify(true)).status).toBe(204);
    expect((await api.get(`/process-instance/${id}/variables/startedAt`)).status).toBe(404);
    expect((await modify(false)).status).toBe(204);
    expect((await api.get(`/process-instance/${id}/variables/startedAt`)).body).toMatchObject({ value: 'review' });
    const priorities = ((await api.get('/task', { processInstanceId: id })).body as { priority: number }[]).map((t) => t.priority).sort((a, b) => a - b);
    expect(priorities).toEqual([10, 50, 50]);
  });

  it('a deletion runs the end listeners, and one that fails refuses it (400, naming the process); skipCustomListeners deletes without them', async () => {
    expect((await api.deploy([{ name: 'listeners.bpmn', content: listening }])).status).toBe(200);
    const started = await api.post('/process-definition/key/e2e_listeners/start', { variables: { amount: { value: 5, type: 'Integer' } } });
    const id = started.body.id as string;
    // the process's end listener reads `reviewer`, which only a claim sets
    const refused = await api.delete(`/process-instance/${id}`);
    expectErrorBody(refused, 400, 'ProcessEngineException');
    expect(refused.body.message).toContain("'e2e_listeners'");
    expect((await api.get(`/process-instance/${id}`)).status).toBe(200);
    expectErrorBody(await api.delete(`/process-instance/${id}?skipCustomListeners=maybe`), 400, 'InvalidRequestException');

    expect((await api.delete(`/process-instance/${id}?skipCustomListeners=true&deleteReason=cleanup`)).status).toBe(204);
    expect((await api.get(`/history/process-instance/${id}`)).body).toMatchObject({ state: 'EXTERNALLY_TERMINATED', deleteReason: 'cleanup' });

    const claimed = (await api.post('/process-definition/key/e2e_listeners/start', { variables: { amount: { value: 5, type: 'Integer' } } })).body.id as string;
    const [task] = (await api.get('/task', { processInstanceId: claimed })).body as { id: string }[];
    expect((await api.post(`/task/${task!.id}/claim`, { userId: 'tom' })).status).toBe(204);
    expect((await api.delete(`/process-instance/${claimed}`)).status).toBe(204);
    const closedBy = (await api.get('/history/variable-instance', { processInstanceId: claimed, variableName: 'closedBy' })).body as { value: unknown }[];
    expect(closedBy.map((v) => v.value)).toEqual(['tom']);
  });

  it('refuses a Java listener with a 400 ParseException naming the element, and deploys nothing', async () => {
    const before = (await api.get('/process-definition/count', { key: 'e2e_listeners' })).body.count as number;
    const response = await api.deploy([{ name: 'listeners.bpmn', content: model('<camunda:taskListener event="create" class="com.example.AssignReviewer"/>') }]);
    expectErrorBody(response, 400, 'ParseException');
    expect(response.body.message).toContain("element 'review'");
    expect(response.body.message).toContain('names a Java class or delegate expression');
    expect((await api.get('/process-definition/count', { key: 'e2e_listeners' })).body.count).toBe(before);
  });
});
