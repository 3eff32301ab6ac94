import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProcessesDir } from '../../crm-domain/processes/reference-processes.js';
import { CrmClient } from '../support/crm-client.js';
import { createCast, type CrmCast } from '../support/crm-fixtures.js';
import { eventually } from '../support/eventually.js';
import { RestClient } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const HOUR = 3_600_000;
const table = (name: string) => readFileSync(join(findProcessesDir(), name), 'utf8');

/** replaces one cell of a table, failing when the cell is not there (the spec must change what it says it changes) */
function changed(content: string, cell: string, by: string): string {
  expect(content.split(cell)).toHaveLength(2);
  return content.replace(cell, by);
}

/**
 * The CRM's rules are decision tables an analyst edits (processes/*.dmn): the app deploys them with
 * the reference processes at start; deploying a changed table alone changes what the next instance
 * does, without a new version of any process, while a running instance keeps what it was given.
 */
describe('CRM rules as decision tables', () => {
  let app: TestApp;
  let api: CrmClient;
  let admin: RestClient;
  let cast: CrmCast;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    api = new CrmClient(app.url, app.adminAuth);
    admin = new RestClient(app.rest, app.adminAuth);
    cast = await createCast(api, 'dmn');
    // around the clock: the SLA's working hours are plain hours whenever the spec runs (crm-calendars.spec.ts covers business hours)
    await api.ok('PUT', `/api/teams/${cast.serviceTeam}/calendar`, {
      timeZone: 'UTC', hours: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: [],
    });
  });
  afterAll(() => app?.close());

  const openTasks = async (recordId: string) => (await api.ok('GET', `/api/tasks?recordId=${recordId}`)).items as any[];
  const stepOf = (dealId: string, level: string) =>
    eventually(async () => {
      const task = (await openTasks(dealId)).find((t) => t.taskDefinitionKey === 'LevelApproval' && t.candidateGroups.includes(level));
      if (!task) throw new Error(`no open ${level} approval yet; open: ${(await openTasks(dealId)).map((t) => `${t.taskDefinitionKey} ${t.candidateGroups}`).join(', ')}`);
      return task;
    });
  const approve = (userId: string, taskId: string) => api.as(userId).ok('POST', `/api/tasks/${taskId}/complete`, { variables: { approved: true } });
  const approvalOf = (dealId: string) => eventually(async () => {
    const deal = await api.ok('GET', `/api/deals/${dealId}`);
    expect(deal.approvalStatus).toBe('approved');
    return deal;
  });
  const requestApproval = async (title: string, amount: number) => {
    const deal = await api.ok('POST', '/api/deals', { title, companyId: cast.company.id, amount, currency: 'EUR', stage: 'proposal', ownerId: cast.senior });
    await api.as(cast.senior).ok('POST', `/api/deals/${deal.id}/approval-requests`, { discountPercent: 5 });
    return deal.id as string;
  };
  const levelsOf = async (instanceId: string) => JSON.parse((await admin.get(`/process-instance/${instanceId}/variables/approvalLevels`)).body.value) as string[];
  const versions = async (key: string) => (await admin.get<{ version: number }[]>(`/process-definition`, { key })).body.map((d) => d.version);
  /** deploys one changed table, as an analyst does from the Camunda Modeler: no process goes with it */
  const deployTable = async (name: string, content: string) => {
    const deployed = await admin.deploy([{ name, content }], { 'deployment-name': `analyst: ${name}` });
    expect(deployed.status).toBe(200);
    expect(deployed.body.deployedProcessDefinitions).toBeNull();
    return Object.values(deployed.body.deployedDecisionDefinitions) as { key: string; version: number }[];
  };

  it('the reference tables are deployed with their processes at start', async () => {
    const decisions = (await admin.get<{ key: string; version: number; resource: string }[]>('/decision-definition', { sortBy: 'key', sortOrder: 'asc' })).body;
    expect(decisions.map((d) => `${d.key}:${d.version}:${d.resource}`)).toEqual(['complaint-sla-terms:1:complaint-sla.dmn', 'deal-approval-levels:1:deal-approval.dmn', 'lead-routing:1:lead-routing.dmn']);
    const [deployment] = (await admin.get('/deployment', { name: 'crm-reference-processes' })).body;
    const resources = (await admin.get<{ name: string }[]>(`/deployment/${deployment.id}/resources`)).body.map((r) => r.name).sort();
    expect(resources).toEqual(['complaint-sla.bpmn', 'complaint-sla.dmn', 'deal-approval.bpmn', 'deal-approval.dmn', 'deal-approval.form', 'lead-routing.bpmn', 'lead-routing.dmn']);
  });

  it('deal approval: a lower head threshold in the matrix spares the next 60,000 deal the head, while the running one still goes to the head', async () => {
    // the matrix as shipped: from 50,000 the head approves after the manager
    const running = await requestApproval('Running deal', 60_000);
    const manager = await stepOf(running, 'manager');
    expect(await levelsOf(manager.processInstanceId)).toEqual(['manager', 'head']);
    await approve(cast.junior, manager.id);
    const head = await stepOf(running, 'head');
    const processVersions = await versions('deal-approval');

    // the analyst raises the head's threshold to 80,000 and deploys the table alone
    const deployed = await deployTable('deal-approval.dmn', changed(table('deal-approval.dmn'), '<text>&gt;= 50000</text>', '<text>&gt;= 80000</text>'));
    expect(deployed.map((d) => `${d.key}:${d.version}`)).toEqual(['deal-approval-levels:2']);
    expect(await versions('deal-approval')).toEqual(processVersions);

    // the next deal of the same size needs the manager only
    const next = await requestApproval('Next deal', 60_000);
    const nextManager = await stepOf(next, 'manager');
    expect(await levelsOf(nextManager.processInstanceId)).toEqual(['manager']);
    await approve(cast.junior, nextManager.id);
    expect(await approvalOf(next)).toMatchObject({ approvalStatus: 'approved', discountPercent: 5 });
    const evaluated = (await admin.get('/history/decision-instance', { processInstanceId: nextManager.processInstanceId })).body as { decisionDefinitionId: string }[];
    expect(evaluated.map((d) => d.decisionDefinitionId)).toEqual([expect.stringMatching(/^deal-approval-levels:2:/)]);

    // the running deal keeps the chain it was given: the head still decides it
    expect(await levelsOf(head.processInstanceId)).toEqual(['manager', 'head']);
    expect((await openTasks(running)).map((t) => t.id)).toEqual([head.id]);
    expect((await api.ok('GET', `/api/deals/${running}`)).approvalStatus).toBe('pending');
    await approve(cast.headOfSales, head.id);
    expect(await approvalOf(running)).toMatchObject({ approvalStatus: 'approved' });

    // and a bigger deal still walks every level of the matrix, in order
    const big = await requestApproval('Big deal', 250_000);
    await approve(cast.junior, (await stepOf(big, 'manager')).id);
    await approve(cast.headOfSales, (await stepOf(big, 'head')).id);
    await approve(cast.director, (await stepOf(big, 'director')).id);
    expect(await approvalOf(big)).toMatchObject({ approvalStatus: 'approved' });
  });

  it('lead routing: a lower senior threshold sends the next 80,000 lead to a senior manager', async () => {
    const lead = async (personName: string) => {
      const created = await api.ok('POST', '/api/leads', { source: 'call', personName, estimatedAmount: 80_000 });
      return eventually(async () => {
        const found = await api.ok('GET', `/api/leads/${created.id}`);
        expect(found.ownerId).not.toBeNull();
        return found;
      });
    };
    expect((await lead('Before Change')).ownerId).toBe(cast.junior);
    const processVersions = await versions('lead-routing');

    const deployed = await deployTable('lead-routing.dmn', changed(table('lead-routing.dmn'), '<text>&gt;= 100000</text>', '<text>&gt;= 50000</text>'));
    expect(deployed.map((d) => `${d.key}:${d.version}`)).toEqual(['lead-routing:2']);
    expect(await versions('lead-routing')).toEqual(processVersions);

    expect((await lead('After Change')).ownerId).toBe(cast.senior);
  });

  it('lead routing: a rule on the lead\'s region sends a small EMEA lead to a senior manager, a small North lead still to a junior', async () => {
    const ownerOf = async (personName: string, region: string | null) => {
      const created = await api.ok('POST', '/api/leads', { source: 'call', personName, estimatedAmount: 10_000, region });
      expect(created.region).toBe(region);
      return eventually(async () => {
        const found = await api.ok('GET', `/api/leads/${created.id}`);
        expect(found.ownerId).not.toBeNull();
        return found.ownerId as string;
      });
    };
    const emeaRule = '<rule id="Rule_Emea"><inputEntry id="Rule_Emea_Amount"><text>-</text></inputEntry><inputEntry id="Rule_Emea_Source"><text>-</text></inputEntry>'
      + '<inputEntry id="Rule_Emea_Region"><text>"EMEA"</text></inputEntry><outputEntry id="Rule_Emea_Level"><text>"senior"</text></outputEntry><outputEntry id="Rule_Emea_Team"><text></text></outputEntry></rule>';
    await deployTable('lead-routing.dmn', changed(table('lead-routing.dmn'), '<rule id="Rule_OtherLead">', `${emeaRule}<rule id="Rule_OtherLead">`));

    expect(await ownerOf('Emma Emea', 'EMEA')).toBe(cast.senior);
    expect(await ownerOf('Nils North', 'North')).toBe(cast.junior);
    expect(await ownerOf('Nobody Nowhere', null)).toBe(cast.junior);
  });

  it('deal approval: a rule on the deal\'s product category adds the head to a small hardware deal', async () => {
    const hardwareRule = '<rule id="Rule_Hardware"><inputEntry id="Rule_Hardware_Amount"><text>-</text></inputEntry><inputEntry id="Rule_Hardware_Discount"><text>-</text></inputEntry>'
      + '<inputEntry id="Rule_Hardware_Category"><text>"hardware"</text></inputEntry><outputEntry id="Rule_Hardware_Level"><text>"head"</text></outputEntry></rule>';
    await deployTable('deal-approval.dmn', changed(table('deal-approval.dmn'), '<rule id="Rule_Head">', `${hardwareRule}<rule id="Rule_Head">`));
    const levels = async (title: string, productCategory: string | null) => {
      const deal = await api.ok('POST', '/api/deals', { title, companyId: cast.company.id, amount: 10_000, currency: 'EUR', stage: 'proposal', ownerId: cast.senior, productCategory });
      await api.as(cast.senior).ok('POST', `/api/deals/${deal.id}/approval-requests`, {});
      return levelsOf((await stepOf(deal.id, 'manager')).processInstanceId);
    };
    expect(await levels('Hardware deal', 'hardware')).toEqual(['manager', 'head']);
    expect(await levels('Services deal', 'services')).toEqual(['manager']);
    expect(await levels('Uncategorised deal', null)).toEqual(['manager']);
  });

  it('complaint SLA: a shorter urgent SLA in the table sets the next complaint’s due time and timers', async () => {
    const complaint = async () => {
      const created = await api.ok('POST', '/api/complaints', { companyId: cast.company.id, type: 'billing', channel: 'email', priority: 'urgent', description: 'Wrong invoice' });
      const task = await eventually(async () => {
        const found = (await openTasks(created.id)).find((t) => t.taskDefinitionKey === 'ResolveComplaint');
        if (!found) throw new Error('no ResolveComplaint yet');
        return found;
      });
      const record = await api.ok('GET', `/api/complaints/${created.id}`);
      const timers = (await admin.get(`/job`, { processInstanceId: task.processInstanceId, timers: true })).body as { activityId: string; dueDate: string }[];
      const due = (id: string) => Date.parse(timers.find((j) => j.activityId === id)!.dueDate);
      return { sla: Date.parse(record.slaDueAt) - Date.parse(record.createdAt), taskDue: Date.parse(task.due), slaDueAt: Date.parse(record.slaDueAt), breachToReminder: due('SlaBreached') - due('SlaReminder') };
    };
    const before = await complaint();
    expect(before).toMatchObject({ sla: 4 * HOUR, taskDue: before.slaDueAt, breachToReminder: HOUR });

    await deployTable('complaint-sla.dmn', changed(table('complaint-sla.dmn'), '<outputEntry id="Rule_Urgent_Hours"><text>4</text>', '<outputEntry id="Rule_Urgent_Hours"><text>2</text>'));
    const after = await complaint();
    expect(after).toMatchObject({ sla: 2 * HOUR, taskDue: after.slaDueAt, breachToReminder: HOUR / 2 });
  });
});
