import { parseCamundaDate } from '../../engine/core/variables/index.js';
import { CrmClient } from '../support/crm-client.js';
import { createCast, type CrmCast } from '../support/crm-fixtures.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const HOUR = 3_600_000;

describe('CRM processes end to end', () => {
  let app: TestApp;
  let api: CrmClient;
  let cast: CrmCast;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    api = new CrmClient(app.url, app.adminAuth);
    cast = await createCast(api, 'p');
    // around the clock: the SLA's working hours are plain hours whenever the spec runs (crm-calendars.spec.ts covers business hours)
    await api.ok('PUT', `/api/teams/${cast.serviceTeam}/calendar`, {
      timeZone: 'UTC', hours: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: [],
    });
  });
  afterAll(() => app?.close());

  const openTasks = async (recordId: string) => (await api.ok('GET', `/api/tasks?recordId=${recordId}`)).items as any[];
  const taskOf = (recordId: string, key: string) =>
    eventually(async () => {
      const task = (await openTasks(recordId)).find((t) => t.taskDefinitionKey === key);
      if (!task) throw new Error(`no open task ${key} yet; open: ${(await openTasks(recordId)).map((t) => t.taskDefinitionKey).join(', ')}`);
      return task;
    });
  /** the open approval step of that level: the matrix's levels are one multi-instance task, walked in order */
  const stepOf = (recordId: string, level: string) =>
    eventually(async () => {
      const task = (await openTasks(recordId)).find((t) => t.taskDefinitionKey === 'LevelApproval' && t.candidateGroups.includes(level));
      if (!task) throw new Error(`no open ${level} approval yet; open: ${(await openTasks(recordId)).map((t) => `${t.taskDefinitionKey} ${t.candidateGroups}`).join(', ')}`);
      return task;
    });
  /** completes the task as the user whose step it is */
  const complete = (userId: string, taskId: string, variables: Record<string, unknown>) => api.as(userId).ok('POST', `/api/tasks/${taskId}/complete`, { variables });
  const processesOf = (path: string) => api.ok('GET', `${path}/processes`);
  const ended = (path: string, key: string) =>
    eventually(async () => {
      const { processes, openTasks: open } = await processesOf(path);
      const instance = processes.find((p: any) => p.processDefinitionKey === key);
      expect(instance?.state).toBe('COMPLETED');
      expect(open).toEqual([]);
      return instance;
    });
  const outboxTo = async (userOrAddress: string) => {
    const address = userOrAddress.includes('@') ? userOrAddress : (await api.ok('GET', `/api/users/${userOrAddress}`)).email;
    return (await api.ok('GET', '/api/outbox', { recipient: address, pageSize: 100 })).items as any[];
  };

  describe('lead-routing', () => {
    it('routes a 250,000 lead to the senior manager and a 5,000 one to the junior; conversion and disqualification end the process', async () => {
      const big = await api.ok('POST', '/api/leads', { source: 'call', personName: 'Bianca Big', companyName: 'Bigcorp', email: 'bianca@bigcorp.test', estimatedAmount: 250_000 });
      const small = await api.ok('POST', '/api/leads', { source: 'seminar', personName: 'Sid Small', estimatedAmount: 5_000 });

      const bigTask = await taskOf(big.id, 'QualifyLead');
      const smallTask = await taskOf(small.id, 'QualifyLead');
      expect(bigTask.assignee.id).toBe(cast.senior);
      expect(smallTask.assignee.id).toBe(cast.junior);
      expect(bigTask.record).toEqual({ type: 'lead', id: big.id, title: 'Bianca Big (Bigcorp)' });
      expect(await api.ok('GET', `/api/leads/${big.id}`)).toMatchObject({ ownerId: cast.senior, status: 'qualifying' });
      expect(await api.ok('GET', `/api/leads/${small.id}`)).toMatchObject({ ownerId: cast.junior, status: 'qualifying' });
      await eventually(async () => expect((await outboxTo(cast.senior)).map((m) => m.subject)).toContain('New lead: Bianca Big'));

      const conversion = await api.as(cast.senior).ok('POST', `/api/leads/${big.id}/convert`, { dealTitle: 'Bigcorp rollout' });
      await ended(`/api/leads/${big.id}`, 'lead-routing');
      const deal = await api.ok('GET', `/api/deals/${conversion.dealId}`);
      expect(deal).toMatchObject({ title: 'Bigcorp rollout', amount: 250_000, ownerId: cast.senior, stage: 'qualification', leadId: big.id });
      const calls = await api.ok('GET', '/api/activities', { recordId: big.id });
      expect(calls.items).toEqual([expect.objectContaining({ kind: 'call', subject: 'First call with Bianca Big', ownerId: cast.senior, done: false })]);

      await api.as(cast.junior).ok('POST', `/api/leads/${small.id}/disqualify`, { reason: 'No budget' });
      await ended(`/api/leads/${small.id}`, 'lead-routing');

      const timeline = await api.ok('GET', `/api/leads/${big.id}/timeline`);
      const steps = timeline.entries.filter((e: any) => e.kind === 'process').map((e: any) => e.step);
      expect(steps).toEqual(expect.arrayContaining(['Lead created', 'Decide routing', 'Assign owner as routed', 'Qualify lead', 'Converted in CRM', 'Schedule first call', 'Lead qualified']));
      const actions = timeline.entries.filter((e: any) => e.kind === 'change').map((e: any) => `${e.action}:${e.who.id}`);
      const admin = await api.ok<{ id: string }>('GET', '/api/session');
      expect(actions).toEqual(expect.arrayContaining([`created:${admin.id}`, 'assigned:process:lead-routing', `converted:${cast.senior}`]));
      expect(timeline.entries.find((e: any) => e.action === 'converted').who.name).toBe('Sasha Senior');
      const times = timeline.entries.map((e: any) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });
  });

  describe('deal-approval', () => {
    it('over the director threshold needs manager, head and director approval; a rejection loops back to the requester', async () => {
      const deal = await api.ok('POST', '/api/deals', { title: 'Mega deal', companyId: cast.company.id, amount: 500_000, currency: 'EUR', stage: 'proposal', ownerId: cast.senior });
      await api.as(cast.senior).ok('POST', `/api/deals/${deal.id}/approval-requests`, { discountPercent: 15, comment: 'Strategic customer' });
      // the discount waits as requested until the approval approves it
      expect(await api.ok('GET', `/api/deals/${deal.id}`)).toMatchObject({ approvalStatus: 'pending', discountPercent: 0, requestedDiscountPercent: 15 });

      // the approval matrix asks manager, head and director, one after the other
      const variables = await api.ok('GET', `/engine-rest/process-instance/${(await stepOf(deal.id, 'manager')).processInstanceId}/variables`);
      expect(variables.approvalLevels).toMatchObject({ type: 'Json' });
      expect(JSON.parse(variables.approvalLevels.value)).toEqual(['manager', 'head', 'director']);
      // another manager decides (four eyes: not the requester), the head of sales, then the director
      const manager1 = await stepOf(deal.id, 'manager');
      expect(manager1.candidateGroups).toEqual(['manager']);
      await complete(cast.junior, manager1.id, { approved: true });
      const head1 = await stepOf(deal.id, 'head');
      expect(head1.candidateGroups).toEqual(['head']);
      await complete(cast.headOfSales, head1.id, { approved: false, decisionComment: 'Too much discount' });

      const revise = await taskOf(deal.id, 'ReviseOrWithdraw');
      expect(revise.assignee.id).toBe(cast.senior);
      expect((await api.ok('GET', `/api/deals/${deal.id}`)).approvalStatus).toBe('rejected');
      await complete(cast.senior, revise.id, { withdraw: false, discountPercent: 10 });

      await complete(cast.junior, (await stepOf(deal.id, 'manager')).id, { approved: true });
      await complete(cast.headOfSales, (await stepOf(deal.id, 'head')).id, { approved: true });
      const director = await stepOf(deal.id, 'director');
      expect(director.candidateGroups).toEqual(['director']);
      // the director sees it in their list through the CRM's groups; a manager does not
      expect((await api.as(cast.director).ok('GET', '/api/tasks', { involvedUser: cast.director })).items.map((t: any) => t.id)).toContain(director.id);
      expect((await api.as(cast.junior).ok('GET', '/api/tasks', { recordId: deal.id })).items).toEqual([]);
      await complete(cast.director, director.id, { approved: true });

      await ended(`/api/deals/${deal.id}`, 'deal-approval');
      expect(await api.ok('GET', `/api/deals/${deal.id}`)).toMatchObject({ approvalStatus: 'approved', stage: 'negotiation', discountPercent: 10, probability: 75 });
      await eventually(async () => expect((await outboxTo(cast.senior)).map((m) => m.subject)).toContain('Approved: Mega deal'));
      const steps = (await api.ok('GET', `/api/deals/${deal.id}/timeline`)).entries.filter((e: any) => e.kind === 'process' && e.stepType === 'userTask').map((e: any) => e.step);
      expect(steps).toEqual(['Approval (manager)', 'Approval (head)', 'Revise or withdraw', 'Approval (manager)', 'Approval (head)', 'Approval (director)']);
    });
  });

  describe('complaint-sla', () => {
    it('an urgent complaint left alone is first reminded, then escalated to the head of service; resolving it notifies the customer and closes it', async () => {
      const complaint = await api.ok('POST', '/api/complaints', {
        companyId: cast.company.id, contactId: cast.company.contactId, type: 'delivery', channel: 'phone', priority: 'urgent', description: 'Nothing arrived',
      });
      expect(complaint.assigneeId).toBe(cast.agent);
      expect(Date.parse(complaint.slaDueAt) - Date.parse(complaint.createdAt)).toBe(4 * HOUR);
      const resolve = await taskOf(complaint.id, 'ResolveComplaint');
      expect(resolve.assignee.id).toBe(cast.agent);
      expect(Date.parse(resolve.due)).toBe(Date.parse(complaint.slaDueAt));

      const instanceId = resolve.processInstanceId;
      const timers = (await api.ok('GET', `/engine-rest/job?processInstanceId=${instanceId}&timers=true`)) as any[];
      const reminder = timers.find((j) => j.activityId === 'SlaReminder');
      const breach = timers.find((j) => j.activityId === 'SlaBreached');
      const due = (job: any) => parseCamundaDate(job.dueDate).getTime();
      expect(due(reminder)).toBeLessThan(due(breach));
      expect(due(breach) - due(reminder)).toBe(HOUR);

      expect((await api.request('POST', `/engine-rest/job/${reminder.id}/execute`)).status).toBe(204);
      await eventually(async () => expect((await outboxTo(cast.agent)).map((m) => m.subject)).toEqual([expect.stringMatching(/^Reminder: complaint from Customer p is due /)]));
      expect((await taskOf(complaint.id, 'ResolveComplaint')).id).toBe(resolve.id);

      expect((await api.request('POST', `/engine-rest/job/${breach.id}/execute`)).status).toBe(204);
      const escalated = await taskOf(complaint.id, 'ResolveEscalated');
      expect(escalated.assignee.id).toBe(cast.headOfService);
      expect(await api.ok('GET', `/api/complaints/${complaint.id}`)).toMatchObject({ escalationLevel: 1, assigneeId: cast.headOfService, status: 'in_progress' });
      await eventually(async () => expect((await outboxTo(cast.headOfService)).map((m) => m.subject)).toEqual([expect.stringMatching(/^Escalated: complaint from Customer p/)]));

      await api.as(cast.headOfService).ok('POST', `/api/complaints/${complaint.id}/resolve`, { resolution: 'Sent by courier' });
      await ended(`/api/complaints/${complaint.id}`, 'complaint-sla');
      expect(await api.ok('GET', `/api/complaints/${complaint.id}`)).toMatchObject({ status: 'closed', resolution: 'Sent by courier' });
      await eventually(async () => expect((await outboxTo(`carla.p@customer.test`)).map((m) => m.body)).toEqual([expect.stringContaining('Sent by courier')]));

      const steps = (await api.ok('GET', `/api/complaints/${complaint.id}/timeline`)).entries.filter((e: any) => e.kind === 'process').map((e: any) => e.step);
      expect(steps.indexOf('Before the breach')).toBeLessThan(steps.indexOf('SLA breached'));
      expect(steps).toEqual(expect.arrayContaining(['Remind the assignee', 'Escalate to head of service', 'Resolve escalated complaint', 'Tell the customer', 'Close complaint', 'Complaint closed']));
    });

    it('a customer reply reaches the assignee without ending the task; completing the task in the tasklist closes the complaint', async () => {
      const complaint = await api.ok('POST', '/api/complaints', {
        companyId: cast.company.id, contactId: cast.company.contactId, type: 'billing', channel: 'email', priority: 'normal', description: 'Invoice twice',
      });
      const resolve = await taskOf(complaint.id, 'ResolveComplaint');
      await api.ok('POST', `/api/complaints/${complaint.id}/replies`, { message: 'Any news?' });
      await eventually(async () => expect((await outboxTo(cast.agent)).map((m) => m.body)).toContain('Any news?'));
      expect((await taskOf(complaint.id, 'ResolveComplaint')).id).toBe(resolve.id);
      await complete(cast.agent, resolve.id, { resolution: 'Credit note issued' });
      await ended(`/api/complaints/${complaint.id}`, 'complaint-sla');
      expect(await api.ok('GET', `/api/complaints/${complaint.id}`)).toMatchObject({ status: 'closed', resolution: 'Credit note issued', escalationLevel: 0 });
      const kinds = (await api.ok('GET', `/api/complaints/${complaint.id}/timeline`)).entries.map((e: any) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['change', 'activity', 'process']));
    });
  });
});
