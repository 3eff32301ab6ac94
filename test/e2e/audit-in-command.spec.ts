import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../support/crm-client.js';
import { eventually } from '../support/eventually.js';
import { RestClient } from '../support/rest-client.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../support/test-app.js';

const model = bpmn('audit_in_command', `
  <startEvent id="start"/>
  <userTask id="review"/>
  <endEvent id="end"/>
  ${flows('start', 'review', 'end')}`);

const externalModel = bpmn('audit_in_command_external', `
  <startEvent id="start"/>
  <serviceTask id="work" camunda:type="external" camunda:topic="audit-in-command"/>
  <endEvent id="end"/>
  ${flows('start', 'work', 'end')}`);

/** a case worked step by step, with no completion condition: someone starts its steps and completes it */
const adHocModel = bpmn('audit_in_command_adhoc', `
  <startEvent id="start"/>
  <adHocSubProcess id="case" ordering="Sequential">
    <userTask id="call"/>
    <userTask id="email"/>
  </adHocSubProcess>
  <userTask id="after"/>
  <endEvent id="end"/>
  ${flows('start', 'case', 'after', 'end')}`);

const timerModel = bpmn('audit_in_command_timer', `
  <startEvent id="start"/>
  <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
  <endEvent id="end"/>
  ${flows('start', 'wait', 'end')}`);

/** a trigger standing for any failure of the audit row's insert (a full disk, a broken constraint) */
const REFUSE_SUCCESS_ROWS = `
  CREATE FUNCTION crm.spec_refuse_success_rows() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.outcome = 'success' THEN RAISE EXCEPTION 'the spec refuses this audit row'; END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER spec_refuse_success_rows BEFORE INSERT ON crm.audit_log FOR EACH ROW EXECUTE FUNCTION crm.spec_refuse_success_rows();`;

interface AuditRow { action: string; targetId: string | null; outcome: string; status: number | null }

interface Call { readonly status: number }

/** who makes a call */
interface Caller { readonly rest: RestClient; readonly crm: CrmClient }

/** one audited route that runs a single engine command: what it changes, and how to look at it */
interface CommandRoute {
  readonly action: string;
  /** creates what the call acts on; answers the call's target id and whatever the call needs */
  readonly setUp: () => Promise<{ target: string; instanceId: string }>;
  readonly call: (target: string, as: Caller) => Promise<Call>;
  readonly expected: number;
  /** what the call changes, read back */
  readonly state: (target: string, instanceId: string) => Promise<unknown>;
  /** the row names no target (a call on many): its rows are told apart by order only */
  readonly untargeted?: true;
  /** the route needs `engine.operate` (ops, admins): a manager is refused */
  readonly operate?: true;
}

/**
 * A task completion and its audit row commit together (the row goes in the command's own write
 * statement, commit-companions.ts): a completion whose row cannot be stored does not happen, and a
 * completion that happened always has its row. Before, the row was inserted after the command's
 * commit, so a crash or a failed insert in between kept the change without its record.
 */
describe('audit row committed with the task completion', () => {
  let app: TestApp;
  let rest: RestClient;
  let crm: CrmClient;

  const query = (sql: string) => app.nest.get<OpenedDatabase>(DATABASE).dataSource.query(sql);
  const rowsOf = async (taskId: string) =>
    (await crm.ok<{ items: AuditRow[] }>('GET', '/api/audit', { action: 'task.complete', targetId: taskId, pageSize: 50 })).items;
  const newTask = async (): Promise<{ instanceId: string; taskId: string }> => {
    const started = await rest.post<{ id: string }>('/process-definition/key/audit_in_command/start', {});
    expect(started.status).toBe(200);
    const tasks = await rest.get<{ id: string }[]>('/task', { processInstanceId: started.body.id });
    return { instanceId: started.body.id, taskId: tasks.body[0]!.id };
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    rest = new RestClient(app.rest, app.adminAuth);
    crm = new CrmClient(app.url, app.adminAuth);
    const deployed = await rest.deploy([
      { name: 'audit-in-command.bpmn', content: model },
      { name: 'audit-in-command-external.bpmn', content: externalModel },
      { name: 'audit-in-command-timer.bpmn', content: timerModel },
      { name: 'audit-in-command-adhoc.bpmn', content: adHocModel },
    ]);
    expect(deployed.status).toBe(200);
  });
  afterAll(() => app?.close());

  it('writes exactly one success row with the completion, through REST and through the CRM task list', async () => {
    const viaRest = await newTask();
    expect((await rest.post(`/task/${viaRest.taskId}/complete`, { variables: { comment: { value: 'ok', type: 'String' } } })).status).toBe(204);
    expect(await rowsOf(viaRest.taskId)).toEqual([expect.objectContaining({ outcome: 'success', status: 204, targetId: viaRest.taskId })]);

    const withVariables = await newTask();
    expect((await rest.post(`/task/${withVariables.taskId}/complete`, { withVariablesInReturn: true })).status).toBe(200);
    expect(await rowsOf(withVariables.taskId)).toEqual([expect.objectContaining({ outcome: 'success', status: 200 })]);

    const viaCrm = await newTask();
    await crm.ok('POST', `/api/tasks/${viaCrm.taskId}/complete`, { variables: {} });
    expect(await rowsOf(viaCrm.taskId)).toEqual([expect.objectContaining({ outcome: 'success', status: 204 })]);
  });

  it('does not complete the task when its audit row cannot be stored, and records the failure', async () => {
    const { instanceId, taskId } = await newTask();
    await query(REFUSE_SUCCESS_ROWS);
    try {
      const refused = await rest.post(`/task/${taskId}/complete`, {});
      expect(refused.status).toBe(500);
      await crm.request('POST', `/api/tasks/${taskId}/complete`, { variables: {} }).then((res) => expect(res.status).toBe(500));
    } finally {
      await query('DROP TRIGGER spec_refuse_success_rows ON crm.audit_log; DROP FUNCTION crm.spec_refuse_success_rows()');
    }
    expect((await rest.get(`/task/${taskId}`)).status).toBe(200);
    expect((await rest.get<{ state: string }>(`/history/process-instance/${instanceId}`)).body.state).toBe('ACTIVE');
    // a failure is recorded once its answer is sent, so its rows may land a moment after the answer
    await eventually(async () => expect((await rowsOf(taskId)).map((r) => [r.outcome, r.status])).toEqual([['failed', 500], ['failed', 500]]));

    expect((await rest.post(`/task/${taskId}/complete`, {})).status).toBe(204);
    expect((await rest.get<{ state: string }>(`/history/process-instance/${instanceId}`)).body.state).toBe('COMPLETED');
    expect((await rowsOf(taskId)).map((r) => r.outcome)).toEqual(['success', 'failed', 'failed']);
  });

  describe('every audited route that runs one engine command', () => {
    const task = (target: string) => rest.get<Record<string, unknown>>(`/task/${target}`).then((r) => r.body);
    const taskOf = async (fields: string[], target: string) => {
      const body = await task(target);
      return Object.fromEntries(fields.map((field) => [field, body[field]]));
    };
    const openTask = async () => {
      const { instanceId, taskId } = await newTask();
      return { target: taskId, instanceId };
    };
    const instance = async () => {
      const { instanceId } = await newTask();
      return { target: instanceId, instanceId };
    };
    const instanceVariables = (instanceId: string) => rest.get(`/process-instance/${instanceId}/variables`).then((r) => r.body);
    const externalTask = async () => {
      const started = await rest.post<{ id: string }>('/process-definition/key/audit_in_command_external/start', {});
      const [found] = (await rest.get<{ id: string }[]>('/external-task', { processInstanceId: started.body.id })).body;
      return { target: found!.id, instanceId: started.body.id };
    };
    const timerJob = async () => {
      const started = await rest.post<{ id: string }>('/process-definition/key/audit_in_command_timer/start', {});
      const [found] = (await rest.get<{ id: string }[]>('/job', { processInstanceId: started.body.id })).body;
      return { target: found!.id, instanceId: started.body.id };
    };
    const adHocCase = async () => {
      const started = await rest.post<{ id: string }>('/process-definition/key/audit_in_command_adhoc/start', {});
      return { target: started.body.id, instanceId: started.body.id };
    };
    const taskKeys = (instanceId: string) =>
      rest.get<{ taskDefinitionKey: string }[]>('/task', { processInstanceId: instanceId }).then((r) => r.body.map((t) => t.taskDefinitionKey).sort());
    const finishedBatch = async () => {
      const { instanceId } = await newTask();
      const created = await rest.post<{ id: string }>('/process-instance/delete', { processInstanceIds: [instanceId], deleteReason: 'spec' });
      expect(created.status).toBe(200);
      await eventually(async () => expect((await rest.get<{ endTime: string | null }>(`/history/batch/${created.body.id}`)).body.endTime).not.toBeNull());
      return { target: created.body.id, instanceId };
    };
    /** a batch of many instances that are gone already (each is skipped), suspended at once so that it holds still */
    const suspendedBatch = async () => {
      const created = await rest.post<{ id: string }>('/process-instance/delete', { processInstanceIds: Array.from({ length: 1500 }, (_, i) => `gone-${i}`) });
      expect(created.status).toBe(200);
      expect((await rest.put(`/batch/${created.body.id}/suspended`, { suspended: true })).status).toBe(204);
      return { target: created.body.id, instanceId: '' };
    };
    const pick = (path: (target: string) => string, fields: string[]) => async (target: string) => {
      const body = (await rest.get<Record<string, unknown>>(path(target))).body;
      return Object.fromEntries(fields.map((field) => [field, body[field]]));
    };

    const routes: Record<string, CommandRoute> = {
      'POST /task/{id}/claim': {
        action: 'task.claim', setUp: openTask, expected: 204,
        call: (id, as) => as.rest.post(`/task/${id}/claim`, { userId: 'claimer' }),
        state: (id) => taskOf(['assignee'], id),
      },
      'POST /task/{id}/unclaim': {
        action: 'task.unclaim', expected: 204,
        setUp: async () => {
          const created = await openTask();
          expect((await rest.post(`/task/${created.target}/claim`, { userId: 'claimer' })).status).toBe(204);
          return created;
        },
        call: (id, as) => as.rest.post(`/task/${id}/unclaim`),
        state: (id) => taskOf(['assignee'], id),
      },
      'POST /task/{id}/assignee': {
        action: 'task.assign', setUp: openTask, expected: 204,
        call: (id, as) => as.rest.post(`/task/${id}/assignee`, { userId: 'given' }),
        state: (id) => taskOf(['assignee'], id),
      },
      'POST /task/{id}/delegate': {
        action: 'task.delegate', setUp: openTask, expected: 204,
        call: (id, as) => as.rest.post(`/task/${id}/delegate`, { userId: 'helper' }),
        state: (id) => taskOf(['assignee', 'delegationState'], id),
      },
      'POST /task/{id}/resolve': {
        action: 'task.resolve', expected: 204,
        setUp: async () => {
          const created = await openTask();
          expect((await rest.post(`/task/${created.target}/delegate`, { userId: 'helper' })).status).toBe(204);
          return created;
        },
        call: (id, as) => as.rest.post(`/task/${id}/resolve`, {}),
        state: (id) => taskOf(['assignee', 'delegationState'], id),
      },
      'PUT /task/{id}': {
        action: 'task.update', setUp: openTask, expected: 204,
        call: (id, as) => as.rest.put(`/task/${id}`, { name: 'Renamed', priority: 70 }),
        state: (id) => taskOf(['name', 'priority'], id),
      },
      'POST /task/{id}/variables': {
        action: 'task.variables.update', setUp: openTask, expected: 204,
        call: (id, as) => as.rest.post(`/task/${id}/variables`, { modifications: { note: { value: 'seen', type: 'String' } } }),
        state: (_id, instanceId) => instanceVariables(instanceId),
      },
      'POST /task/{id}/identity-links': {
        action: 'task.identity-link.add', setUp: openTask, expected: 204,
        call: (id, as) => as.rest.post(`/task/${id}/identity-links`, { type: 'candidate', groupId: 'sales' }),
        state: (id) => rest.get(`/task/${id}/identity-links`).then((r) => r.body),
      },
      'POST /task/{id}/identity-links/delete': {
        action: 'task.identity-link.delete', expected: 204,
        setUp: async () => {
          const created = await openTask();
          expect((await rest.post(`/task/${created.target}/identity-links`, { type: 'candidate', groupId: 'sales' })).status).toBe(204);
          return created;
        },
        call: (id, as) => as.rest.post(`/task/${id}/identity-links/delete`, { type: 'candidate', groupId: 'sales' }),
        state: (id) => rest.get(`/task/${id}/identity-links`).then((r) => r.body),
      },
      'POST /api/tasks/{id}/claim (CRM task list)': {
        action: 'task.claim', setUp: openTask, expected: 204,
        call: (id, as) => as.crm.request('POST', `/api/tasks/${id}/claim`),
        state: (id) => taskOf(['assignee'], id),
      },
      'DELETE /process-instance/{id}': {
        operate: true, action: 'process-instance.cancel', setUp: instance, expected: 204,
        call: (id, as) => as.rest.delete(`/process-instance/${id}`),
        state: (id) => rest.get<{ state: string }>(`/history/process-instance/${id}`).then((r) => r.body.state),
      },
      'POST /process-instance/{id}/modification': {
        operate: true, action: 'process-instance.modify', setUp: instance, expected: 204,
        call: (id, as) => as.rest.post(`/process-instance/${id}/modification`, { instructions: [{ type: 'startBeforeActivity', activityId: 'review' }] }),
        state: (id) => rest.get<unknown[]>('/task', { processInstanceId: id }).then((r) => r.body.length),
      },
      'POST /process-instance/{id}/variables': {
        operate: true, action: 'process-instance.variables.update', setUp: instance, expected: 204,
        call: (id, as) => as.rest.post(`/process-instance/${id}/variables`, { modifications: { score: { value: 7, type: 'Integer' } } }),
        state: (id) => instanceVariables(id),
      },
      'PUT /process-instance/{id}/variables/{name}': {
        operate: true, action: 'process-instance.variables.update', setUp: instance, expected: 204,
        call: (id, as) => as.rest.put(`/process-instance/${id}/variables/score`, { value: 8, type: 'Integer' }),
        state: (id) => instanceVariables(id),
      },
      'DELETE /process-instance/{id}/variables/{name}': {
        operate: true, action: 'process-instance.variables.update', expected: 204,
        setUp: async () => {
          const created = await instance();
          expect((await rest.put(`/process-instance/${created.target}/variables/score`, { value: 8, type: 'Integer' })).status).toBe(204);
          return created;
        },
        call: (id, as) => as.rest.delete(`/process-instance/${id}/variables/score`),
        state: (id) => instanceVariables(id),
      },
      'PUT /external-task/{id}/retries': {
        operate: true, action: 'external-task.retries.set', setUp: externalTask, expected: 204,
        call: (id, as) => as.rest.put(`/external-task/${id}/retries`, { retries: 5 }),
        state: pick((id) => `/external-task/${id}`, ['retries']),
      },
      'PUT /external-task/{id}/priority': {
        operate: true, action: 'external-task.priority.set', setUp: externalTask, expected: 204,
        call: (id, as) => as.rest.put(`/external-task/${id}/priority`, { priority: 7 }),
        state: pick((id) => `/external-task/${id}`, ['priority']),
      },
      'PUT /external-task/retries': {
        operate: true, action: 'external-task.retries.set', setUp: externalTask, expected: 204, untargeted: true,
        call: (id, as) => as.rest.put('/external-task/retries', { externalTaskIds: [id], retries: 3 }),
        state: pick((id) => `/external-task/${id}`, ['retries']),
      },
      'POST /process-instance/{id}/adhoc/{adHocId}/enabled-activities/{activityId}/start': {
        action: 'process-instance.adhoc.start', setUp: adHocCase, expected: 200,
        call: (id, as) => as.rest.post(`/process-instance/${id}/adhoc/case/enabled-activities/call/start`),
        state: (id) => taskKeys(id),
      },
      'POST /process-instance/{id}/adhoc/{adHocId}/complete': {
        action: 'process-instance.adhoc.complete', setUp: adHocCase, expected: 204,
        call: (id, as) => as.rest.post(`/process-instance/${id}/adhoc/case/complete`),
        state: (id) => taskKeys(id),
      },
      'DELETE /history/batch/{id}': {
        operate: true, action: 'batch.history.delete', setUp: finishedBatch, expected: 204,
        call: (id, as) => as.rest.delete(`/history/batch/${id}`),
        state: (id) => rest.get(`/history/batch/${id}`).then((r) => r.status),
      },
      'PUT /batch/{id}/suspended': {
        operate: true, action: 'batch.suspend', setUp: suspendedBatch, expected: 204,
        call: (id, as) => as.rest.put(`/batch/${id}/suspended`, { suspended: false }),
        state: pick((id) => `/batch/${id}`, ['suspended']),
      },
      'DELETE /batch/{id}': {
        operate: true, action: 'batch.delete', setUp: suspendedBatch, expected: 204,
        call: (id, as) => as.rest.delete(`/batch/${id}`),
        state: (id) => rest.get(`/batch/${id}`).then((r) => r.status),
      },
      'POST /process-definition/key/{key}/start with startInstructions': {
        operate: true, action: 'process-instance.start-at', expected: 200,
        setUp: async () => ({ target: 'audit_in_command', instanceId: '' }),
        call: (key, as) => as.rest.post(`/process-definition/key/${key}/start`, { startInstructions: [{ type: 'startBeforeActivity', activityId: 'review' }] }),
        state: (key) => rest.get<{ count: number }>('/history/process-instance/count', { processDefinitionKey: key }).then((r) => r.body.count),
      },
      'PUT /job/{id}/retries': {
        operate: true, action: 'job.retries.set', setUp: timerJob, expected: 204,
        call: (id, as) => as.rest.put(`/job/${id}/retries`, { retries: 6 }),
        state: pick((id) => `/job/${id}`, ['retries']),
      },
    };

    it.each(Object.keys(routes))('%s keeps its rule: 401 without credentials, 403 for a manager where it needs operate rights, nothing changed', async (name) => {
      const route = routes[name]!;
      const { target, instanceId } = await route.setUp();
      const before = await route.state(target, instanceId);
      const anonymous: Caller = { rest: new RestClient(app.rest, {}), crm: new CrmClient(app.url, {}) };
      expect((await route.call(target, anonymous)).status).toBe(401);
      if (route.operate) {
        const manager = await crm.ok<{ id: string }>('POST', '/api/users', {
          name: 'Manager', email: `manager.${Date.now()}.${Math.random().toString(36).slice(2)}@audit-in-command.test`, role: 'manager', level: 'junior', password: TEST_USER_PASSWORD,
        });
        const auth = basicAuth(manager.id, TEST_USER_PASSWORD);
        expect((await route.call(target, { rest: new RestClient(app.rest, auth), crm: new CrmClient(app.url, auth) })).status).toBe(403);
        // recorded once the answer is sent
        await eventually(async () =>
          expect((await crm.ok<{ items: AuditRow[] }>('GET', '/api/audit', { action: route.action, actorId: manager.id })).items.map((r) => [r.outcome, r.status])).toEqual([['refused', 403]]));
      }
      expect(await route.state(target, instanceId)).toEqual(before);
    });

    it.each(Object.keys(routes))('%s: the change and its success row commit together or not at all', async (name) => {
      const route = routes[name]!;
      const { target, instanceId } = await route.setUp();
      const rows = async () =>
        (await crm.ok<{ items: AuditRow[] }>('GET', '/api/audit', { action: route.action, ...(route.untargeted ? {} : { targetId: target }), pageSize: 50 })).items
          .map((row) => [row.outcome, row.status]);
      const before = await route.state(target, instanceId);
      const rowsBefore = await rows();

      await query(REFUSE_SUCCESS_ROWS);
      try {
        expect((await route.call(target, { rest, crm })).status).toBe(500);
      } finally {
        await query('DROP TRIGGER spec_refuse_success_rows ON crm.audit_log; DROP FUNCTION crm.spec_refuse_success_rows()');
      }
      expect(await route.state(target, instanceId)).toEqual(before);
      await eventually(async () => expect(await rows()).toEqual([['failed', 500], ...rowsBefore]));

      expect((await route.call(target, { rest, crm })).status).toBe(route.expected);
      expect(await route.state(target, instanceId)).not.toEqual(before);
      expect(await rows()).toEqual([['success', route.expected], ['failed', 500], ...rowsBefore]);
    });
  });
});
