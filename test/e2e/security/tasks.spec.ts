import { bpmn, flows } from '../../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../../support/crm-client.js';
import { createCast, type CrmCast } from '../../support/crm-fixtures.js';
import { eventually } from '../../support/eventually.js';
import { RestClient } from '../../support/rest-client.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../../support/test-app.js';

/** processes move on in jobs: wait generously on a busy machine */
const SLOW = { timeoutMs: 60_000, intervalMs: 100 };

interface Task { id: string; name: string; assignee: string | null; processInstanceId: string; taskDefinitionKey: string }

const directorReview = bpmn('sec_director_review', `
  <startEvent id="start"/>
  <userTask id="directorReview" name="Director review" camunda:candidateGroups="director"/>
  <endEvent id="end"/>
  ${flows('start', 'directorReview', 'end')}`);
const salesWork = bpmn('sec_sales_work', `
  <startEvent id="start"/>
  <userTask id="salesWork" name="Sales work" camunda:candidateGroups="sales"/>
  <endEvent id="end"/>
  ${flows('start', 'salesWork', 'end')}`);

describe('security: tasks', () => {
  let app: TestApp;
  let api: CrmClient;
  let admin: RestClient;
  let cast: CrmCast;
  const rest = (userId: string) => new RestClient(app.rest, basicAuth(userId, TEST_USER_PASSWORD));

  const start = async (key: string): Promise<Task> => {
    const started = await admin.post(`/process-definition/key/${key}/start`, {});
    expect(started.status).toBe(200);
    const [task] = (await admin.get<Task[]>('/task', { processInstanceId: started.body.id })).body;
    return task!;
  };
  const taskIds = async (client: RestClient, query: Record<string, string>) => (await client.get<Task[]>('/task', query)).body.map((t) => t.id).sort();

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    api = new CrmClient(app.url, app.adminAuth);
    admin = new RestClient(app.rest, app.adminAuth);
    cast = await createCast(api, 'sec');
    const deployed = await admin.deploy([{ name: 'director.bpmn', content: directorReview }, { name: 'sales.bpmn', content: salesWork }]);
    expect(deployed.status).toBe(200);
  });
  afterAll(() => app?.close());

  describe('who may see, claim and complete', () => {
    it('a plain manager does not see a director-only task (404 as for a missing one) and may not claim or complete it (403); the director does', async () => {
      const task = await start('sec_director_review');
      const junior = rest(cast.junior);
      for (const response of [await junior.get(`/task/${task.id}`), await junior.get(`/task/${task.id}/variables`)]) {
        expect(response).toMatchObject({ status: 404, body: { message: `No matching task with id ${task.id}` } });
      }
      for (const response of [
        await junior.post(`/task/${task.id}/claim`, { userId: cast.junior }),
        await junior.post(`/task/${task.id}/complete`, {}),
        await api.as(cast.junior).request('POST', `/api/tasks/${task.id}/claim`),
      ]) {
        expect(response).toMatchObject({ status: 403, body: { type: 'AuthorizationException', message: expect.stringContaining("it is offered to the candidate groups director, not to Jo Junior") } });
      }
      expect((await junior.get('/task/no-such-task')).body).toEqual({ type: 'InvalidRequestException', message: 'No matching task with id no-such-task', code: 0, errorCode: 'ENGINE_NOT_FOUND' });
      expect((await admin.get(`/task/${task.id}`)).body.assignee).toBeNull();

      const director = rest(cast.director);
      expect((await director.post(`/task/${task.id}/claim`, { userId: cast.director })).status).toBe(204);
      expect((await director.post(`/task/${task.id}/complete`, {})).status).toBe(204);
      expect((await junior.get('/history/task', { processInstanceId: task.processInstanceId })).body).toEqual([]);
      expect((await director.get('/history/task', { processInstanceId: task.processInstanceId })).body.map((t: Task) => t.id)).toEqual([task.id]);
    });

    it('ops see every task, read-only: in lists, history and by id, but claim and complete nothing', async () => {
      const task = await start('sec_director_review');
      const opsUser = await api.ok<{ id: string }>('POST', '/api/users', { name: 'Otto Ops', email: `otto.ops.${Date.now()}@e2e.test`, role: 'ops', password: TEST_USER_PASSWORD });
      const ops = rest(opsUser.id);
      expect((await ops.get(`/task/${task.id}`)).status).toBe(200);
      expect(await taskIds(ops, { processInstanceId: task.processInstanceId })).toEqual([task.id]);
      expect((await ops.get('/history/task', { processInstanceId: task.processInstanceId })).body.map((t: Task) => t.id)).toEqual([task.id]);
      for (const response of [await ops.post(`/task/${task.id}/claim`, { userId: opsUser.id }), await ops.post(`/task/${task.id}/complete`, {})]) {
        expect(response).toMatchObject({ status: 403, body: { type: 'AuthorizationException' } });
      }
      expect((await admin.get(`/task/${task.id}`)).body.assignee).toBeNull();
    });

    it('a candidate no longer sees a task another candidate claimed and may not work on it (403 naming whose it is); a non-candidate cannot reach it', async () => {
      const task = await start('sec_sales_work');
      expect((await rest(cast.agent).post(`/task/${task.id}/claim`, { userId: cast.agent })).status).toBe(403);
      expect((await rest(cast.agent).get(`/task/${task.id}`)).status).toBe(404);
      expect((await rest(cast.senior).post(`/task/${task.id}/claim`, { userId: cast.senior })).status).toBe(204);
      const junior = rest(cast.junior);
      expect((await junior.get(`/task/${task.id}`)).status).toBe(404);
      expect(await taskIds(junior, { processInstanceId: task.processInstanceId })).toEqual([]);
      const refused = await junior.post(`/task/${task.id}/complete`, {});
      expect(refused).toMatchObject({ status: 403, body: { type: 'AuthorizationException', message: expect.stringContaining(`${cast.senior} has claimed it`) } });
      expect((await junior.post(`/task/${task.id}/claim`, { userId: cast.junior })).status).toBe(403);
      expect((await api.as(cast.junior).request('POST', `/api/tasks/${task.id}/complete`, { variables: {} })).status).toBe(403);
      expect((await rest(cast.senior).post(`/task/${task.id}/assignee`, { userId: cast.junior })).status).toBe(403);
      expect((await admin.get(`/task/${task.id}`)).body.assignee).toBe(cast.senior);
      expect((await rest(cast.senior).post(`/task/${task.id}/complete`, {})).status).toBe(204);
    });

    it('a head gives tasks to members of their team, not outside it; another team’s head does not see them', async () => {
      const task = await start('sec_sales_work');
      expect((await rest(cast.junior).post(`/task/${task.id}/claim`, { userId: cast.junior })).status).toBe(204);
      const head = rest(cast.headOfSales);
      expect((await head.post(`/task/${task.id}/assignee`, { userId: cast.senior })).status).toBe(204);
      expect((await admin.get(`/task/${task.id}`)).body.assignee).toBe(cast.senior);
      const outside = await head.post(`/task/${task.id}/assignee`, { userId: cast.agent });
      expect(outside).toMatchObject({ status: 403, body: { message: expect.stringContaining('a head gives tasks only to members of their own team') } });
      expect((await head.post(`/task/${task.id}/delegate`, { userId: cast.agent })).status).toBe(403);
      expect((await head.post(`/task/${task.id}/identity-links`, { userId: cast.agent, type: 'candidate' })).status).toBe(403);
      expect((await head.post(`/task/${task.id}/identity-links`, { groupId: 'service', type: 'candidate' })).status).toBe(403);
      expect((await head.put(`/task/${task.id}`, { name: 'Sales work', assignee: cast.agent })).status).toBe(403);
      expect((await admin.get(`/task/${task.id}`)).body.assignee).toBe(cast.senior);
      expect((await rest(cast.headOfService).get(`/task/${task.id}`)).status).toBe(404);
      expect((await rest(cast.director).post(`/task/${task.id}/assignee`, { userId: cast.agent })).status).toBe(204);
      expect((await rest(cast.headOfService).get(`/task/${task.id}`)).status).toBe(200);
    });

    it('task lists and counts hold only one’s own tasks, a head’s team’s, and everything for a director', async () => {
      const director = await start('sec_director_review');
      const open = await start('sec_sales_work');
      const juniors = await start('sec_sales_work');
      expect((await rest(cast.junior).post(`/task/${juniors.id}/claim`, { userId: cast.junior })).status).toBe(204);
      const agents = await start('sec_director_review');
      expect((await admin.post(`/task/${agents.id}/assignee`, { userId: cast.agent })).status).toBe(204);
      const mine = [open.id, juniors.id].sort();
      const all = [director.id, open.id, juniors.id, agents.id].sort();
      const instances = [director, open, juniors, agents].map((t) => t.processInstanceId);
      const query = { processInstanceIdIn: instances.join(',') };

      expect(await taskIds(rest(cast.junior), query)).toEqual(mine);
      expect((await rest(cast.junior).get('/task/count', query)).body).toEqual({ count: 2 });
      expect((await rest(cast.junior).post<Task[]>('/task', { processInstanceIdIn: instances })).body.map((t) => t.id).sort()).toEqual(mine);
      expect((await rest(cast.junior).post('/task/count', { processInstanceIdIn: instances })).body).toEqual({ count: 2 });
      expect(await taskIds(rest(cast.agent), query)).toEqual([agents.id]);
      expect(await taskIds(rest(cast.headOfSales), query)).toEqual(mine);
      expect(await taskIds(rest(cast.headOfService), query)).toEqual([agents.id]);
      expect(await taskIds(rest(cast.director), query)).toEqual(all);
      const crmList = async (userId: string) => ((await api.as(userId).ok('GET', '/api/tasks', { pageSize: 100 })).items as Task[]).map((t) => t.id).filter((id) => all.includes(id)).sort();
      expect(await crmList(cast.junior)).toEqual(mine);
      expect(await crmList(cast.headOfService)).toEqual([agents.id]);
      expect(await crmList(cast.director)).toEqual(all);
      const involved = (await api.as(cast.junior).ok('GET', '/api/tasks', { involvedUser: cast.director, pageSize: 100 })).items as Task[];
      expect(involved.map((t) => t.id)).not.toContain(director.id);
    });
  });

  describe('the reference deal approval', () => {
    const deal = async (title: string, amount: number, ownerId: string) =>
      api.ok('POST', '/api/deals', { title, companyId: cast.company.id, amount, currency: 'EUR', stage: 'proposal', ownerId });
    const taskOf = (dealId: string, key: string) => eventually(async () => {
      const task = ((await api.ok('GET', '/api/tasks', { recordId: dealId })).items as Task[]).find((t) => t.taskDefinitionKey === key);
      if (!task) throw new Error(`no open ${key} yet`);
      return task;
    }, SLOW);
    /** the open approval step of that level (the matrix's levels are walked one at a time) */
    const stepOf = (dealId: string, level: string) => eventually(async () => {
      const task = ((await api.ok('GET', '/api/tasks', { recordId: dealId })).items as (Task & { candidateGroups: string[] })[])
        .find((t) => t.taskDefinitionKey === 'LevelApproval' && t.candidateGroups.includes(level));
      if (!task) throw new Error(`no open ${level} approval yet`);
      return task;
    }, SLOW);
    const variablesOf = async (instanceId: string) => (await admin.get(`/process-instance/${instanceId}/variables`)).body as Record<string, { value: unknown }>;

    it('the self-approval attack: approval levels in the variables are refused (400), four eyes stop the requester (403); the deal goes to the head', async () => {
      const big = await deal('Own big deal', 500_000, cast.senior);
      await api.as(cast.senior).ok('POST', `/api/deals/${big.id}/approval-requests`, { discountPercent: 30 });
      const task = await stepOf(big.id, 'manager');
      const overwrite = { approved: { value: true, type: 'Boolean' }, approvalLevels: { value: '["manager"]', type: 'Json' }, approvalLevel: { value: 'director', type: 'String' } };

      const self = await rest(cast.senior).post(`/task/${task.id}/complete`, { variables: overwrite });
      expect(self).toMatchObject({ status: 403, body: { type: 'AuthorizationException', message: expect.stringContaining('four-eyes rule') } });
      expect((await rest(cast.senior).post(`/task/${task.id}/claim`, { userId: cast.senior })).status).toBe(403);
      expect((await api.as(cast.senior).request('POST', `/api/tasks/${task.id}/complete`, { variables: { approved: true } })).status).toBe(403);

      const colleague = await rest(cast.junior).post(`/task/${task.id}/complete`, { variables: overwrite });
      expect(colleague).toMatchObject({ status: 400, body: { message: "Task 'Approval (manager)' may not set 'approvalLevels' and 'approvalLevel': its form does not name them" } });
      const viaCrm = await api.as(cast.junior).request('POST', `/api/tasks/${task.id}/complete`, { variables: { approved: true, approvalLevel: 'director' } });
      expect(viaCrm).toMatchObject({ status: 400, body: { message: "Task 'Approval (manager)' may not set 'approvalLevel': its form does not name it" } });
      expect((await rest(cast.junior).post(`/task/${task.id}/variables`, { modifications: { approvalLevels: { value: '[]', type: 'Json' } } })).status).toBe(400);
      expect((await admin.get(`/task/${task.id}`)).status).toBe(200);
      expect(JSON.parse(String((await variablesOf(task.processInstanceId))['approvalLevels']!.value))).toEqual(['manager', 'head', 'director']);
      expect((await variablesOf(task.processInstanceId))['approved']).toBeUndefined();

      expect((await rest(cast.junior).post(`/task/${task.id}/complete`, { variables: { approved: { value: true, type: 'Boolean' } } })).status).toBe(204);
      const head = await stepOf(big.id, 'head');
      expect(head.processInstanceId).toBe(task.processInstanceId);
      expect(await api.ok('GET', `/api/deals/${big.id}`)).toMatchObject({ approvalStatus: 'pending', discountPercent: 0, requestedDiscountPercent: 30 });
    });

    it('four eyes bind supervisors too: a head who requested may not decide it', async () => {
      const own = await deal('Head’s own deal', 10_000, cast.headOfSales);
      await api.as(cast.headOfSales).ok('POST', `/api/deals/${own.id}/approval-requests`, {});
      const task = await stepOf(own.id, 'manager');
      const head = rest(cast.headOfSales);
      expect((await head.get(`/task/${task.id}`)).status).toBe(200);
      const refused = await head.post(`/task/${task.id}/complete`, { variables: { approved: { value: true, type: 'Boolean' } } });
      expect(refused).toMatchObject({ status: 403, body: { message: expect.stringMatching(/may not complete task 'Approval \(manager\)': four-eyes rule, they started this process instance/) } });
      expect((await head.post(`/task/${task.id}/assignee`, { userId: cast.headOfSales })).status).toBe(403);
      expect((await rest(cast.director).post(`/task/${task.id}/delegate`, { userId: cast.headOfSales })).status).toBe(403);
      expect((await rest(cast.junior).post(`/task/${task.id}/complete`, { variables: { approved: { value: true, type: 'Boolean' } } })).status).toBe(204);
    });

    it('a deal cannot be won while its approval is pending or rejected; the discount applies only when approved', async () => {
      const small = await deal('Small deal', 20_000, cast.senior);
      await api.as(cast.senior).ok('POST', `/api/deals/${small.id}/approval-requests`, { discountPercent: 12 });
      expect(await api.ok('GET', `/api/deals/${small.id}`)).toMatchObject({ approvalStatus: 'pending', discountPercent: 0, requestedDiscountPercent: 12 });
      const won = await api.as(cast.senior).patch(`/api/deals/${small.id}`, { stage: 'won' });
      expect(won).toMatchObject({ status: 409, body: { message: "Deal 'Small deal' cannot be won while its approval is pending: wait for the approval to decide" } });

      await api.as(cast.junior).ok('POST', `/api/tasks/${(await stepOf(small.id, 'manager')).id}/complete`, { variables: { approved: false } });
      const revise = await taskOf(small.id, 'ReviseOrWithdraw');
      expect(await api.ok('GET', `/api/deals/${small.id}`)).toMatchObject({ approvalStatus: 'rejected', discountPercent: 0 });
      expect((await api.as(cast.senior).patch(`/api/deals/${small.id}`, { stage: 'won' })).status).toBe(409);

      await api.as(cast.senior).ok('POST', `/api/tasks/${revise.id}/complete`, { variables: { withdraw: false, discountPercent: 8 } });
      await eventually(async () => expect(await api.ok('GET', `/api/deals/${small.id}`)).toMatchObject({ approvalStatus: 'pending', discountPercent: 0, requestedDiscountPercent: 8 }), SLOW);
      await api.as(cast.junior).ok('POST', `/api/tasks/${(await stepOf(small.id, 'manager')).id}/complete`, { variables: { approved: true } });
      await eventually(async () => expect(await api.ok('GET', `/api/deals/${small.id}`)).toMatchObject({ approvalStatus: 'approved', discountPercent: 8, requestedDiscountPercent: null }), SLOW);
      expect(await api.as(cast.senior).ok('PATCH', `/api/deals/${small.id}`, { stage: 'won' })).toMatchObject({ stage: 'won', discountPercent: 8 });
    });
  });
});
