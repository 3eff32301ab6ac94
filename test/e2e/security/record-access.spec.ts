import { randomUUID } from 'node:crypto';
import { bpmn, flows } from '../../../engine/testing/bpmn-fixture.js';
import { CrmClient, type CrmResponse } from '../../support/crm-client.js';
import { eventually } from '../../support/eventually.js';
import { RestClient } from '../../support/rest-client.js';
import { startTestApp, TEST_USER_PASSWORD, type TestApp } from '../../support/test-app.js';

const workOnRecord = bpmn('record_work', `
  <startEvent id="start"/>
  <userTask id="work" name="Work on the record" camunda:assignee="\${worker}"/>
  <endEvent id="end"/>
  ${flows('start', 'work', 'end')}`);

const ids = (page: { items: { id: string }[] }) => page.items.map((r) => r.id).sort();
const sorted = (...values: string[]) => [...values].sort();

describe('record access', () => {
  let app: TestApp;
  let admin: CrmClient;
  /** two managers and a head in team A, a manager and a head in team B, a director, ops, an analyst */
  const u = {} as Record<'m1' | 'm2' | 'headA' | 'm3' | 'headB' | 'director' | 'ops' | 'analyst', string>;
  const as = (who: keyof typeof u) => admin.as(u[who]);
  /** m1's records and m3's */
  let mine: { company: string; contact: string; deal: string; lead: string; activity: string };
  let theirs: { company: string; contact: string; deal: string; lead: string; activity: string; complaint: string };

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    admin = new CrmClient(app.url, app.adminAuth);
    expect((await new RestClient(app.rest, app.adminAuth).deploy([{ name: 'record-work.bpmn', content: workOnRecord }])).status).toBe(200);
    const team = async (name: string, kind: string) => (await admin.ok('POST', '/api/teams', { name, kind })).id as string;
    const user = async (name: string, role: string, teamId: string | null) =>
      (await admin.ok('POST', '/api/users', { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@records.test`, role, teamId, password: TEST_USER_PASSWORD, ...(role === 'manager' ? { level: 'junior' } : {}) })).id as string;
    const teamA = await team('Team A', 'sales');
    const teamB = await team('Team B', 'service');
    Object.assign(u, {
      m1: await user('Mia One', 'manager', teamA), m2: await user('Max Two', 'manager', teamA), headA: await user('Hana HeadA', 'head', teamA),
      m3: await user('Milo Three', 'manager', teamB), headB: await user('Hugo HeadB', 'head', teamB),
      director: await user('Dina Director', 'director', null), ops: await user('Oskar Ops', 'ops', null), analyst: await user('Ana Analyst', 'analyst', null),
    });
    const recordsOf = async (owner: string, name: string) => {
      const company = await admin.ok('POST', '/api/companies', { name, type: 'client', ownerId: owner, primaryContact: { fullName: `Contact of ${name}` } });
      const deal = await admin.ok('POST', '/api/deals', { title: `Deal of ${name}`, companyId: company.id, amount: 1000, currency: 'EUR', ownerId: owner });
      const lead = await admin.ok('POST', '/api/leads', { source: 'call', personName: `Lead of ${name}`, estimatedAmount: 100, ownerId: owner });
      const activity = await admin.ok('POST', '/api/activities', { kind: 'call', subject: `Call about ${name}`, ownerId: owner, recordType: 'deal', recordId: deal.id });
      return { company: company.id as string, contact: company.contacts[0].id as string, deal: deal.id as string, lead: lead.id as string, activity: activity.id as string };
    };
    mine = await recordsOf(u.m1, 'Alpha One');
    const m3 = await recordsOf(u.m3, 'Beta Three');
    const complaint = await admin.ok('POST', '/api/complaints', { companyId: m3.company, type: 'billing', channel: 'email', priority: 'normal', description: 'Invoice twice', assigneeId: u.m3 });
    theirs = { ...m3, complaint: complaint.id };
    // the lead-routing processes of both leads wait at QualifyLead, assigned to the lead's owner
    await eventually(async () => expect((await admin.ok('GET', '/engine-rest/task', { processInstanceBusinessKey: theirs.lead })).length).toBe(1));
    await eventually(async () => expect((await admin.ok('GET', '/engine-rest/task', { processInstanceBusinessKey: mine.lead })).length).toBe(1));
  }, 240_000);
  afterAll(() => app?.close());

  const instanceOf = async (businessKey: string) => (await admin.ok('GET', '/engine-rest/process-instance', { businessKey }))[0].id as string;
  const expectNotFound = (response: CrmResponse, message: string) => expect({ status: response.status, message: response.body?.message }).toEqual({ status: 404, message });

  it('a manager lists and counts only their own records, and an owner filter does not widen that', async () => {
    const m1 = as('m1');
    for (const [path, own] of [['companies', mine.company], ['contacts', mine.contact], ['deals', mine.deal], ['leads', mine.lead], ['activities', mine.activity]] as const) {
      const page = await m1.ok('GET', `/api/${path}`);
      expect([path, ids(page), page.total]).toEqual([path, [own], 1]);
      expect([path, (await m1.ok('GET', `/api/${path}`, { ownerId: u.m3 })).total]).toEqual([path, 0]);
    }
    expect((await m1.ok('GET', '/api/complaints')).total).toBe(0);
    expect((await m1.ok('GET', '/api/deals', { companyId: theirs.company })).total).toBe(0);
    expect((await m1.ok('GET', '/api/contacts', { q: 'contact of' })).items.map((c: any) => c.fullName)).toEqual(['Contact of Alpha One']);
    expect(ids(await as('m3').ok('GET', '/api/complaints'))).toEqual([theirs.complaint]);
  });

  it('a record one may not see is a 404 like an unknown one: by id, timeline, processes, and the records lookup leaves it out', async () => {
    const m1 = as('m1');
    const unknown = randomUUID();
    expectNotFound(await m1.get(`/api/companies/${unknown}`), `Company with id '${unknown}' does not exist`);
    for (const [path, id, label] of [
      ['companies', theirs.company, 'Company'], ['contacts', theirs.contact, 'Contact'], ['deals', theirs.deal, 'Deal'], ['leads', theirs.lead, 'Lead'],
      ['complaints', theirs.complaint, 'Complaint'], ['activities', theirs.activity, 'Activity'],
    ] as const) {
      expectNotFound(await m1.get(`/api/${path}/${id}`), `${label} with id '${id}' does not exist`);
      if (path !== 'activities') {
        expectNotFound(await m1.get(`/api/${path}/${id}/timeline`), `${label} with id '${id}' does not exist`);
        expectNotFound(await m1.get(`/api/${path}/${id}/processes`), `${label} with id '${id}' does not exist`);
      }
    }
    expect((await m1.ok('GET', `/api/companies/${mine.company}`)).contacts.map((c: any) => c.id)).toEqual([mine.contact]);
    expect((await m1.ok('GET', `/api/leads/${mine.lead}/processes`)).processes).toHaveLength(1);
    const looked = await m1.ok('GET', '/api/records', { ids: [mine.deal, theirs.deal, theirs.company, mine.company].join(',') });
    expect(looked.map((r: any) => r.id)).toEqual([mine.deal, mine.company]);
  });

  it('changing a record one may not see is a 404 and changes nothing; one may see but not change is a 403', async () => {
    const m1 = as('m1');
    const writes: [string, string, unknown][] = [
      ['PATCH', `/api/companies/${theirs.company}`, { name: 'Taken' }], ['DELETE', `/api/companies/${theirs.company}`, undefined],
      ['PATCH', `/api/contacts/${theirs.contact}`, { position: 'Spy' }], ['DELETE', `/api/contacts/${theirs.contact}`, undefined],
      ['PATCH', `/api/deals/${theirs.deal}`, { ownerId: u.m1 }], ['DELETE', `/api/deals/${theirs.deal}`, undefined],
      ['PUT', `/api/deals/${theirs.deal}/products`, []], ['POST', `/api/deals/${theirs.deal}/approval-requests`, {}],
      ['PATCH', `/api/leads/${theirs.lead}`, { notes: 'x' }], ['POST', `/api/leads/${theirs.lead}/convert`, {}],
      ['POST', `/api/leads/${theirs.lead}/disqualify`, { reason: 'mine now' }], ['DELETE', `/api/leads/${theirs.lead}`, undefined],
      ['PATCH', `/api/complaints/${theirs.complaint}`, { priority: 'low' }], ['POST', `/api/complaints/${theirs.complaint}/resolve`, { resolution: 'x' }],
      ['POST', `/api/complaints/${theirs.complaint}/replies`, { message: 'x' }],
      ['PATCH', `/api/activities/${theirs.activity}`, { done: true }], ['DELETE', `/api/activities/${theirs.activity}`, undefined],
    ];
    for (const [method, path, body] of writes) expect([method, path, (await m1.request(method, path, body)).status]).toEqual([method, path, 404]);
    // naming another's record in a body is answered like an unknown id
    expect((await m1.post('/api/deals', { title: 'Sneaky', companyId: theirs.company, amount: 1, currency: 'EUR' })).status).toBe(400);
    expect((await m1.post('/api/activities', { kind: 'call', subject: 'Sneaky', recordType: 'deal', recordId: theirs.deal })).status).toBe(400);
    expect((await m1.post(`/api/leads/${mine.lead}/convert`, { companyId: theirs.company })).status).toBe(400);
    const timeline = await admin.ok('GET', `/api/deals/${theirs.deal}/timeline`);
    expect(timeline.entries.filter((e: any) => e.kind === 'change').map((e: any) => e.action)).toEqual(['created', 'activity added']);
    expect(await admin.ok('GET', `/api/leads/${theirs.lead}`)).toMatchObject({ status: 'qualifying', notes: null, archivedAt: null });
    expect(await admin.ok('GET', `/api/complaints/${theirs.complaint}`)).toMatchObject({ status: 'new', priority: 'normal' });
    // ops see every record but change none
    expect((await as('ops').get(`/api/deals/${theirs.deal}`)).status).toBe(200);
    expect((await as('ops').patch(`/api/deals/${theirs.deal}`, { title: 'x' })).status).toBe(403);
  });

  it('heads see their team, directors and ops everyone, analysts no records', async () => {
    const deal = await admin.ok('POST', '/api/deals', { title: 'Deal of Max', companyId: mine.company, amount: 500, currency: 'EUR', ownerId: u.m2 });
    expect(ids(await as('headA').ok('GET', '/api/deals'))).toEqual(sorted(mine.deal, deal.id));
    expect(ids(await as('headB').ok('GET', '/api/deals'))).toEqual([theirs.deal]);
    expect((await as('headA').ok('GET', '/api/deals', { teamId: (await admin.ok('GET', `/api/users/${u.m3}`)).teamId })).total).toBe(0);
    expect((await as('headA').get(`/api/complaints/${theirs.complaint}`)).status).toBe(404);
    expect((await as('m2').get(`/api/deals/${mine.deal}`)).status).toBe(404);
    for (const who of ['director', 'ops'] as const) expect(ids(await as(who).ok('GET', '/api/deals'))).toEqual(sorted(mine.deal, deal.id, theirs.deal));
    expect((await as('analyst').get('/api/deals')).status).toBe(403);
  });

  it('only heads (within their team), directors and admins give records to someone else', async () => {
    const m1 = as('m1');
    const refused = await m1.patch(`/api/deals/${mine.deal}`, { ownerId: u.m2 });
    expect({ status: refused.status, message: refused.body.message, code: refused.body.code }).toEqual({
      status: 403, message: expect.stringMatching(/Mia One \(manager\) may not give a deal to someone else \('ownerId'\)/), code: 'CRM_OWNER_REFUSED',
    });
    expect((await m1.post('/api/deals', { title: 'For Max', companyId: mine.company, amount: 1, currency: 'EUR', ownerId: u.m2 })).status).toBe(403);
    expect((await m1.post('/api/leads', { source: 'call', personName: 'For Max', ownerId: u.m2 })).status).toBe(403);
    expect((await m1.post('/api/complaints', { companyId: mine.company, type: 'billing', channel: 'email', priority: 'low', description: 'x', assigneeId: u.m3 })).status).toBe(403);
    const own = await m1.ok('POST', '/api/deals', { title: 'Mine by default', companyId: mine.company, amount: 1, currency: 'EUR' });
    expect(own.ownerId).toBe(u.m1);

    const outside = await as('headA').patch(`/api/deals/${own.id}`, { ownerId: u.m3 });
    expect({ status: outside.status, message: outside.body.message }).toEqual({ status: 403, message: expect.stringMatching(/may not give a deal to someone outside their team/) });
    expect((await as('headA').ok('PATCH', `/api/deals/${own.id}`, { ownerId: u.m2 })).ownerId).toBe(u.m2);
    expect((await m1.get(`/api/deals/${own.id}`)).status).toBe(404);
    expect((await as('director').ok('PATCH', `/api/deals/${own.id}`, { ownerId: u.m3 })).ownerId).toBe(u.m3);
  });

  it('reports cover the records one sees; filters outside that are empty', async () => {
    const m1 = as('m1');
    const funnel = await m1.ok('GET', '/api/reports/sales-funnel', { groupBy: 'owner' });
    expect(new Set(funnel.rows.map((r: any) => r.owner.id))).toEqual(new Set([u.m1]));
    expect((await m1.ok('GET', '/api/reports/sales-funnel', { ownerId: u.m3 })).rows).toEqual([]);
    expect((await m1.ok('GET', '/api/reports/complaints-by-type')).rows).toEqual([]);
    expect((await m1.ok('GET', '/api/reports/sla-compliance')).overall).toMatchObject({ met: 0, breached: 0 });
    expect((await as('m3').ok('GET', '/api/reports/complaints-by-type')).rows.map((r: any) => r.count)).toEqual([1]);
    expect((await m1.ok('GET', '/api/reports/open-tasks')).rows.map((r: any) => r.user.id)).toEqual([u.m1]);
    const team = (await as('headA').ok('GET', '/api/reports/open-tasks')).rows.map((r: any) => r.user.id);
    expect(team.sort()).toEqual(sorted(u.m1, u.m2, u.headA));
  });

  it("the engine's instance, variable and history queries show a manager only the instances about their records or tasks", async () => {
    const m1 = as('m1');
    const hidden = await instanceOf(theirs.lead);
    const visible = await instanceOf(mine.lead);
    expect((await m1.ok('GET', '/engine-rest/process-instance')).map((i: any) => i.id)).toEqual([visible]);
    expect((await m1.ok('GET', '/engine-rest/process-instance/count')).count).toBe(1);
    expect((await m1.ok('POST', '/engine-rest/process-instance', { businessKey: theirs.lead }))).toEqual([]);
    expect((await m1.ok('POST', '/engine-rest/process-instance/count', {})).count).toBe(1);
    const missing = `Process instance with id ${hidden} does not exist`;
    for (const path of [`/engine-rest/process-instance/${hidden}`, `/engine-rest/process-instance/${hidden}/variables`, `/engine-rest/process-instance/${hidden}/variables/personName`, `/engine-rest/process-instance/${hidden}/activity-instances`]) {
      expectNotFound(await m1.get(path), missing);
    }
    expect((await m1.get(`/engine-rest/process-instance/${visible}/variables/personName`)).body).toMatchObject({ value: 'Lead of Alpha One' });
    expect((await m1.get(`/engine-rest/history/process-instance/${hidden}`)).status).toBe(404);
    for (const path of ['process-instance', 'activity-instance', 'variable-instance', 'task', 'incident']) {
      expect([path, await m1.ok('GET', `/engine-rest/history/${path}`, { processInstanceId: hidden })]).toEqual([path, []]);
      expect([path, (await m1.ok('GET', `/engine-rest/history/${path}/count`, { processInstanceId: hidden })).count]).toEqual([path, 0]);
    }
    expect((await m1.ok('GET', '/engine-rest/history/variable-instance', { processInstanceId: visible })).length).toBeGreaterThan(0);
    const routing = (stats: any[]) => stats.find((s) => s.definition.key === 'lead-routing')?.instances;
    expect(routing(await m1.ok('GET', '/engine-rest/process-definition/statistics'))).toBe(1);
    expect(routing(await admin.ok('GET', '/engine-rest/process-definition/statistics'))).toBe(2);
    const definitionId = (await admin.ok('GET', `/engine-rest/process-instance/${hidden}`)).definitionId;
    const tokens = await m1.ok('GET', `/engine-rest/process-definition/${definitionId}/statistics`);
    expect(tokens.find((s: any) => s.id === 'QualifyLead')?.instances).toBe(1);
    // those who see all records see all instances; analysts only what they started
    expect((await as('headB').ok('GET', '/engine-rest/history/process-instance', { processInstanceId: hidden })).length).toBe(1);
    expect((await as('ops').ok('GET', '/engine-rest/process-instance/count')).count).toBe((await admin.ok('GET', '/engine-rest/process-instance/count')).count);
    expect((await as('analyst').ok('GET', '/engine-rest/history/process-instance/count')).count).toBe(0);
  });

  it('starting a process on a record one may not see is refused like an unknown record', async () => {
    const m1 = as('m1');
    const refused = await m1.post('/engine-rest/process-definition/key/record_work/start', { businessKey: theirs.deal, variables: { worker: { value: u.m1 } } });
    expect({ status: refused.status, message: refused.body.message }).toEqual({ status: 404, message: `Business key '${theirs.deal}' names no record you can see` });
    expect((await m1.post('/engine-rest/process-definition/key/record_work/start', { businessKey: randomUUID() })).status).toBe(404);
    expect((await admin.ok('GET', '/engine-rest/process-instance/count', { businessKey: theirs.deal })).count).toBe(0);
    expect((await m1.post('/engine-rest/process-definition/key/record_work/start', { businessKey: mine.deal, variables: { worker: { value: u.m1 } } })).status).toBe(200);
    expect((await m1.post('/engine-rest/process-definition/key/record_work/start', { businessKey: 'order-4711', variables: { worker: { value: u.m1 } } })).status).toBe(200);
  });

  it("a task on another's record shows that record and its process to the task's assignee, the process also after the task", async () => {
    const m2 = as('m2');
    expect((await m2.get(`/api/companies/${theirs.company}`)).status).toBe(404);
    const started = await admin.ok('POST', '/engine-rest/process-definition/key/record_work/start', { businessKey: theirs.company, variables: { worker: { value: u.m2 } } });
    expect((await m2.ok('GET', `/api/companies/${theirs.company}`)).id).toBe(theirs.company);
    expect((await m2.ok('GET', `/api/companies/${theirs.company}/timeline`)).processes.map((p: any) => p.id)).toEqual([started.id]);
    expect(ids(await m2.ok('GET', '/api/contacts', { companyId: theirs.company }))).toEqual([theirs.contact]);
    expect((await m2.get(`/api/deals/${theirs.deal}`)).status).toBe(404);
    expect((await m2.ok('GET', `/engine-rest/process-instance/${started.id}/variables`)).worker.value).toBe(u.m2);

    // a deal one sees names its company and contact: their names (not the records) come with it
    const onDeal = await admin.ok('POST', '/engine-rest/process-definition/key/record_work/start', { businessKey: theirs.deal, variables: { worker: { value: u.m2 } } });
    expect((await m2.get(`/api/deals/${theirs.deal}`)).status).toBe(200);
    const titles = await m2.ok('GET', '/api/records', { ids: [theirs.deal, theirs.company, theirs.contact].join(',') });
    expect(titles.map((r: any) => [r.type, r.title])).toEqual([['deal', 'Deal of Beta Three'], ['company', 'Beta Three'], ['contact', 'Contact of Beta Three']]);
    const [dealTask] = await admin.ok('GET', '/engine-rest/task', { processInstanceId: onDeal.id });
    expect((await m2.post(`/engine-rest/task/${dealTask.id}/complete`, {})).status).toBe(204);

    const [task] = await admin.ok('GET', '/engine-rest/task', { processInstanceId: started.id });
    expect((await m2.post(`/engine-rest/task/${task.id}/complete`, {})).status).toBe(204);
    expect((await m2.get(`/api/companies/${theirs.company}`)).status).toBe(404);
    expect((await m2.ok('GET', `/engine-rest/history/process-instance/${started.id}`)).state).toBe('COMPLETED');
  });
});
