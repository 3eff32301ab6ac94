import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../support/crm-client.js';
import { RestClient } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const model = bpmn('audit_in_command', `
  <startEvent id="start"/>
  <userTask id="review"/>
  <endEvent id="end"/>
  ${flows('start', 'review', 'end')}`);

/** a trigger standing for any failure of the audit row's insert (a full disk, a broken constraint) */
const REFUSE_SUCCESS_ROWS = `
  CREATE FUNCTION crm.spec_refuse_success_rows() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.action = 'task.complete' AND NEW.outcome = 'success' THEN RAISE EXCEPTION 'the spec refuses this audit row'; END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER spec_refuse_success_rows BEFORE INSERT ON crm.audit_log FOR EACH ROW EXECUTE FUNCTION crm.spec_refuse_success_rows();`;

interface AuditRow { action: string; targetId: string | null; outcome: string; status: number | null }

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
    expect((await rest.deploy([{ name: 'audit-in-command.bpmn', content: model }])).status).toBe(200);
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
    expect((await rowsOf(taskId)).map((r) => [r.outcome, r.status])).toEqual([['failed', 500], ['failed', 500]]);

    expect((await rest.post(`/task/${taskId}/complete`, {})).status).toBe(204);
    expect((await rest.get<{ state: string }>(`/history/process-instance/${instanceId}`)).body.state).toBe('COMPLETED');
    expect((await rowsOf(taskId)).map((r) => r.outcome)).toEqual(['success', 'failed', 'failed']);
  });
});
