import { randomUUID } from 'node:crypto';
import { CrmClient } from '../support/crm-client.js';
import { createCast, type CrmCast } from '../support/crm-fixtures.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('CRM API', () => {
  let app: TestApp;
  let api: CrmClient;
  let cast: CrmCast;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    api = new CrmClient(app.url, app.adminAuth);
    cast = await createCast(api, 'a');
  });
  afterAll(() => app?.close());

  /** status, message and the stable code of an /api error (README, *Error codes*) */
  const expectError = (response: { status: number; body: any }, status: number, message: RegExp, code: string | RegExp = /^[A-Z][A-Z_]+$/) => {
    expect({ status: response.status, type: typeof response.body?.type, message: response.body?.message, code: response.body?.code }).toEqual({
      status, type: 'string', message: expect.stringMatching(message), code: typeof code === 'string' ? code : expect.stringMatching(code),
    });
  };

  describe('bad input is a 4xx naming the field', () => {
    it.each([
      ['POST', '/api/companies', { name: 'X', type: 'client' }, 400, /'primaryContact' is required/, 'CRM_INVALID_REQUEST'],
      ['POST', '/api/companies', { name: 'X', type: 'client', primaryContact: { fullName: 'A', email: 'nope' } }, 400, /'primaryContact.email' expected an email address/, 'CRM_INVALID_REQUEST'],
      ['POST', '/api/companies', { name: 'X', type: 'shop', primaryContact: { fullName: 'A' } }, 400, /'type' expected one of client, partner, investor, supplier/, 'CRM_INVALID_REQUEST'],
      ['POST', '/api/companies', { name: 'X', type: 'client', primaryContact: { fullName: 'A' }, colour: 'red' }, 400, /unknown field 'colour'/, 'CRM_INVALID_REQUEST'],
      ['POST', '/api/users', { name: 'M', email: 'm@x.test', role: 'manager' }, 400, /'level' is required for managers/, 'CRM_INVALID_REQUEST'],
      ['POST', '/api/users', { name: 'A', email: 'a@x.test', role: 'analyst', level: 'senior' }, 400, /'level' is only for managers/, 'CRM_INVALID_REQUEST'],
      ['POST', '/api/deals', { title: 'D', companyId: randomUUID(), amount: 1, currency: 'EUR' }, 400, /'companyId' names no company/, 'CRM_UNKNOWN_REFERENCE'],
      ['POST', '/api/deals', { title: 'D', companyId: 'abc', amount: -1, currency: 'EUR' }, 400, /'companyId' expected an id/, 'CRM_INVALID_REQUEST'],
      ['POST', '/api/leads', { source: 'fax', personName: 'P' }, 400, /'source' expected one of web_form, seminar, call, import/, 'CRM_INVALID_REQUEST'],
      ['POST', '/api/leads', { source: 'call', personName: 'P', region: 'x'.repeat(201) }, 400, /'region' must be at most 200 characters/, 'CRM_INVALID_REQUEST'],
      ['POST', '/api/deals', { title: 'D', companyId: randomUUID(), amount: 1, currency: 'EUR', productCategory: 42 }, 400, /'productCategory' expected text/, 'CRM_INVALID_REQUEST'],
      ['POST', '/api/complaints', { companyId: randomUUID(), type: 'delivery', channel: 'phone', priority: 'asap', description: 'x' }, 400, /'priority' expected one of low, normal, high, urgent/, 'CRM_INVALID_REQUEST'],
      ['GET', '/api/deals?pageSize=1000', undefined, 400, /query parameter 'pageSize': expected at most 200/, 'CRM_INVALID_REQUEST'],
      ['GET', '/api/deals?sort=colour', undefined, 400, /cannot sort by 'colour'/, 'CRM_INVALID_REQUEST'],
      ['GET', '/api/deals?stage=closed', undefined, 400, /query parameter 'stage': expected one of new, qualification/, 'CRM_INVALID_REQUEST'],
      ['GET', '/api/deals?colour=red', undefined, 400, /Unknown query parameter 'colour'/, 'CRM_INVALID_REQUEST'],
      ['GET', '/api/deals/not-a-uuid', undefined, 400, /path parameter 'id': expected an id/, 'CRM_INVALID_REQUEST'],
      ['GET', `/api/deals/${randomUUID()}`, undefined, 404, /Deal with id '.*' does not exist/, 'CRM_NOT_FOUND'],
      ['GET', `/api/users/${randomUUID()}/timeline`, undefined, 404, /No timeline for 'users'/, 'CRM_NOT_FOUND'],
      ['POST', '/api/tasks/nope/complete', { variables: {} }, 404, /nope/, 'ENGINE_NOT_FOUND'],
    ])('%s %s', async (method, path, body, status, message, code) => {
      expectError(await api.request(method, path, body), status, message, code);
    });

    it('malformed JSON is a 400', async () => {
      expectError(await api.request('POST', '/api/leads', '{"source": ', { 'content-type': 'application/json' }), 400, /JSON/, 'HTTP_INVALID_JSON');
    });
  });

  describe('companies and contacts', () => {
    it('creates with a first contact, lists with filters, sorting, paging and a total, archives', async () => {
      const names = ['Zeta Mining', 'Zenith Media', 'Zephyr Air'];
      for (const name of names) await api.ok('POST', '/api/companies', { name, type: 'client', industry: 'Zed', ownerId: cast.senior, primaryContact: { fullName: `Boss of ${name}` } });
      const page1 = await api.ok('GET', '/api/companies', { q: 'ze', sort: '-name', pageSize: 2 });
      expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(page1.items.map((c: any) => c.name)).toEqual(['Zeta Mining', 'Zephyr Air']);
      const page2 = await api.ok('GET', '/api/companies', { q: 'ze', sort: '-name', pageSize: 2, page: 2 });
      expect(page2.items.map((c: any) => c.name)).toEqual(['Zenith Media']);

      const zeta = page1.items[0];
      const full = await api.ok('GET', `/api/companies/${zeta.id}`);
      expect(full.contacts).toEqual([expect.objectContaining({ fullName: 'Boss of Zeta Mining', companyId: zeta.id })]);
      expectError(await api.delete(`/api/contacts/${full.contacts[0].id}`), 400, /only contact of its company/, 'CRM_INVALID_STATE');

      await api.as(cast.senior).ok('PATCH', `/api/companies/${zeta.id}`, { employees: 120, phones: ['+49 30 123456'] });
      // a manager changes their own company; their head archives it (the junior, another manager, does not see it)
      expectError(await api.as(cast.junior).delete(`/api/companies/${zeta.id}`), 404, /does not exist/, 'CRM_NOT_FOUND');
      await api.as(cast.headOfSales).ok('DELETE', `/api/companies/${zeta.id}`);
      expect((await api.ok('GET', '/api/companies', { industry: 'Zed' })).total).toBe(2);
      expect((await api.ok('GET', '/api/companies', { industry: 'Zed', archived: true })).items.map((c: any) => c.name)).toEqual(['Zeta Mining']);

      const timeline = await api.ok('GET', `/api/companies/${zeta.id}/timeline`);
      expect(timeline.record).toEqual({ type: 'company', id: zeta.id, title: 'Zeta Mining' });
      expect(timeline.entries.map((e: any) => [e.action, e.who.name])).toEqual([['created', 'Administrator'], ['updated', 'Sasha Senior'], ['archived', 'Hal Head']]);
      expect(timeline.entries[1].changes).toEqual({ employees: [null, 120], phones: [[], ['+49 30 123456']] });

      const contact = full.contacts[0];
      const records = await api.ok('GET', '/api/records', { ids: `${contact.id},not-a-record,${zeta.id},00000000-0000-4000-8000-000000000000` });
      expect(records).toEqual([{ type: 'contact', id: contact.id, title: 'Boss of Zeta Mining' }, { type: 'company', id: zeta.id, title: 'Zeta Mining' }]);
      expectError(await api.get('/api/records', { ids: Array.from({ length: 201 }, (_, i) => `id${i}`).join(',') }), 400, /at most 200/);
      expectError(await api.get('/api/records'), 400, /'ids'/);
    });
  });

  describe('deals and products', () => {
    it('prices product lines from the catalogue, keeps stage, probability and lost reason consistent', async () => {
      const seat = await api.ok('POST', '/api/products', { name: 'Seat', sku: 'SEAT-A', price: 1000, currency: 'EUR' });
      const onboarding = await api.ok('POST', '/api/products', { name: 'Onboarding', sku: 'ONB-A', price: 5000, currency: 'EUR' });
      const deal = await api.ok('POST', '/api/deals', {
        title: 'Seats for Customer a', companyId: cast.company.id, contactId: cast.company.contactId, currency: 'EUR', ownerId: cast.junior,
        products: [{ productId: seat.id, quantity: 20 }, { productId: onboarding.id, quantity: 1, unitPrice: 4000 }],
      });
      expect(deal).toMatchObject({ amount: 24_000, stage: 'new', probability: 10, approvalStatus: 'none', productCategory: null });
      expect(deal.products).toHaveLength(2);

      expect(await api.ok('PATCH', `/api/deals/${deal.id}`, { productCategory: ' software ' })).toMatchObject({ productCategory: 'software' });
      expect(await api.ok('GET', `/api/deals/${deal.id}`)).toMatchObject({ productCategory: 'software' });
      expectError(await api.patch(`/api/deals/${deal.id}`, { productCategory: 'x'.repeat(201) }), 400, /'productCategory' must be at most 200 characters/, 'CRM_INVALID_REQUEST');

      const moved = await api.ok('PATCH', `/api/deals/${deal.id}`, { stage: 'proposal' });
      expect(moved).toMatchObject({ stage: 'proposal', probability: 50 });
      expectError(await api.patch(`/api/deals/${deal.id}`, { stage: 'lost' }), 400, /'lostReason' is required/);
      const lost = await api.ok('PATCH', `/api/deals/${deal.id}`, { stage: 'lost', lostReason: 'Budget frozen' });
      expect(lost).toMatchObject({ stage: 'lost', probability: 0, closedAt: expect.any(String) });
      expectError(await api.post(`/api/deals/${deal.id}/approval-requests`, {}), 400, /closed deals need no approval/, 'CRM_INVALID_STATE');

      const repriced = await api.ok('PUT', `/api/deals/${deal.id}/products`, [{ productId: seat.id, quantity: 5 }]);
      expect(repriced).toMatchObject({ amount: 5000, products: [expect.objectContaining({ productId: seat.id, quantity: 5, unitPrice: 1000 })] });

      expect((await api.ok('GET', '/api/deals', { ownerId: cast.junior, stage: 'lost' })).items.map((d: any) => d.id)).toEqual([deal.id]);
      expect((await api.ok('GET', '/api/deals', { teamId: cast.salesTeam, minAmount: 4000, maxAmount: 6000 })).items.map((d: any) => d.id)).toEqual([deal.id]);
    });
  });

  describe('the fields the routing tables read', () => {
    it('a lead keeps an optional, trimmed region, a deal its product category', async () => {
      const lead = await api.ok('POST', '/api/leads', { source: 'seminar', personName: 'Rita Region', region: ' EMEA ' });
      expect(lead).toMatchObject({ source: 'seminar', region: 'EMEA' });
      expect(await api.ok('GET', `/api/leads/${lead.id}`)).toMatchObject({ region: 'EMEA' });
      expect(await api.ok('PATCH', `/api/leads/${lead.id}`, { region: 'North' })).toMatchObject({ region: 'North' });
      expect(await api.ok('PATCH', `/api/leads/${lead.id}`, { region: null })).toMatchObject({ region: null });
      expectError(await api.patch(`/api/leads/${lead.id}`, { region: 7 }), 400, /'region' expected text/, 'CRM_INVALID_REQUEST');
      const deal = await api.ok('POST', '/api/deals', { title: 'Hardware for Customer a', companyId: cast.company.id, amount: 100, currency: 'EUR', productCategory: 'hardware' });
      expect(await api.ok('GET', `/api/deals/${deal.id}`)).toMatchObject({ productCategory: 'hardware' });
    });
  });

  describe('activities', () => {
    it('links calls and tasks to records, shows them on the timeline, and marks them done', async () => {
      const deal = await api.ok('POST', '/api/deals', { title: 'Activity deal', companyId: cast.company.id, amount: 1000, currency: 'EUR', ownerId: cast.senior });
      const call = await api.as(cast.senior).ok('POST', '/api/activities', { kind: 'call', subject: 'Discovery call', scheduledAt: '2031-05-01T09:00:00Z', ownerId: cast.senior, recordType: 'deal', recordId: deal.id });
      expectError(await api.post('/api/activities', { kind: 'call', subject: 'x', recordType: 'deal' }), 400, /'recordType' and 'recordId' go together/);
      expectError(await api.post('/api/activities', { kind: 'call', subject: 'x', recordType: 'deal', recordId: randomUUID() }), 400, /'recordId' names no deal/, 'CRM_UNKNOWN_REFERENCE');
      const done = await api.ok('PATCH', `/api/activities/${call.id}`, { done: true, result: 'Interested in 30 seats' });
      expect(done).toMatchObject({ done: true, doneAt: expect.any(String), result: 'Interested in 30 seats' });
      const timeline = await api.ok('GET', `/api/deals/${deal.id}/timeline`);
      expect(timeline.entries.filter((e: any) => e.kind === 'activity')).toEqual([expect.objectContaining({ who: { id: cast.senior, name: 'Sasha Senior' }, activity: expect.objectContaining({ subject: 'Discovery call' }) })]);
    });
  });

  describe('reports', () => {
    it('sales funnel per stage, by owner and team', async () => {
      const owner = (await api.ok('POST', '/api/users', { name: 'Funnel Fay', email: 'fay@e2e.test', role: 'manager', level: 'junior', teamId: cast.salesTeam })).id;
      for (const [stage, amount] of [['new', 100], ['new', 200], ['proposal', 1000], ['won', 5000]] as const) {
        await api.ok('POST', '/api/deals', { title: `F ${stage} ${amount}`, companyId: cast.company.id, amount, currency: 'EUR', stage, ownerId: owner });
      }
      const funnel = await api.ok('GET', '/api/reports/sales-funnel', { ownerId: owner });
      expect(funnel.stages).toEqual([
        { stage: 'new', count: 2, amountByCurrency: { EUR: 300 } },
        { stage: 'qualification', count: 0, amountByCurrency: {} },
        { stage: 'proposal', count: 1, amountByCurrency: { EUR: 1000 } },
        { stage: 'negotiation', count: 0, amountByCurrency: {} },
        { stage: 'won', count: 1, amountByCurrency: { EUR: 5000 } },
        { stage: 'lost', count: 0, amountByCurrency: {} },
      ]);
      expect(funnel.rows.find((r: any) => r.stage === 'proposal')).toMatchObject({ count: 1, amount: 1000, weightedAmount: 500 });
      const byTeam = await api.ok('GET', '/api/reports/sales-funnel', { teamId: cast.salesTeam, groupBy: 'owner', from: '2000-01-01' });
      expect(byTeam.rows.filter((r: any) => r.owner.id === owner).map((r: any) => r.count)).toEqual([2, 1, 1]);
      expect((await api.ok('GET', '/api/reports/sales-funnel', { to: '2000-01-01' })).rows).toEqual([]);
    });

    it('complaints by type per manager per period, SLA compliance, open tasks per manager', async () => {
      for (const [type, priority] of [['billing', 'low'], ['billing', 'normal'], ['delivery', 'high']] as const) {
        await api.ok('POST', '/api/complaints', { companyId: cast.company.id, type, channel: 'email', priority, description: `${type} issue`, assigneeId: cast.agent });
      }
      const byType = await api.ok('GET', '/api/reports/complaints-by-type', { teamId: cast.serviceTeam, bucket: 'month' });
      const mine = byType.rows.filter((r: any) => r.manager?.id === cast.agent);
      expect(mine.map((r: any) => [r.type, r.count])).toEqual([['billing', 2], ['delivery', 1]]);
      expect(mine[0]).toMatchObject({ manager: { name: 'Avery Agent' }, periodStart: expect.any(String) });

      const sla = await api.ok('GET', '/api/reports/sla-compliance', { teamId: cast.serviceTeam });
      expect(sla.byPriority.find((p: any) => p.priority === 'high')).toMatchObject({ total: 1, pending: 1, met: 0, breached: 0, compliancePercent: null });
      const totals = async (query: Record<string, string>) => (await api.ok('GET', '/api/reports/sla-compliance', query)).byPriority.map((p: any) => [p.priority, p.total]);
      // one assignee's complaints: the agent's three, not the head's; with a team the agent is not in, none
      await api.ok('POST', '/api/complaints', { companyId: cast.company.id, type: 'service', channel: 'phone', priority: 'high', description: 'for the head', assigneeId: cast.headOfService });
      expect((await totals({ ownerId: cast.agent })).filter(([, total]: [string, number]) => total > 0)).toEqual([['low', 1], ['normal', 1], ['high', 1]]);
      expect((await totals({ ownerId: cast.headOfService })).filter(([, total]: [string, number]) => total > 0)).toEqual([['high', 1]]);
      expect((await totals({ ownerId: cast.agent, teamId: cast.salesTeam })).every(([, total]: [string, number]) => total === 0)).toBe(true);

      const tasks = await eventually(async () => {
        const report = await api.ok('GET', '/api/reports/open-tasks', { teamId: cast.serviceTeam });
        const agent = report.rows.find((r: any) => r.user.id === cast.agent);
        expect(agent.processTasks).toBeGreaterThanOrEqual(3);
        return report;
      });
      expect(tasks.rows.map((r: any) => r.user.name)).toEqual(['Avery Agent', 'Harper Service']);
    });
  });

  describe('the public web form', () => {
    it('creates a web-form lead (which starts lead routing), refuses bad, oversized and too frequent submissions', async () => {
      const sent = await api.post('/api/public/leads', { name: 'Wendy Web', email: 'wendy@web.test', company: 'Webshop', estimatedAmount: 12_000, region: 'North' });
      expect(sent.status).toBe(202);
      const lead = await api.ok('GET', `/api/leads/${sent.body.reference}`);
      expect(lead).toMatchObject({ source: 'web_form', personName: 'Wendy Web', companyName: 'Webshop', estimatedAmount: 12_000, region: 'North' });
      await eventually(async () => expect((await api.ok('GET', `/api/leads/${lead.id}`)).ownerId).toBe(cast.junior));

      expectError(await api.post('/api/public/leads', { name: 'No Contact' }), 400, /'email' or 'phone' is required/);
      expectError(await api.post('/api/public/leads', { name: 'Bad', email: 'x' }), 400, /'email' expected an email address/);
      expectError(await api.post('/api/public/leads', { name: 'Big', email: 'big@web.test', message: 'x'.repeat(9000) }), 413, /too large/);
      const robot = await api.post('/api/public/leads', { name: 'Robot', email: 'robot@web.test', website: 'http://spam.test' });
      expect(robot).toEqual({ status: 202, body: { status: 'received' } });

      // 5 requests so far; the limit is 10 a minute per address
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await api.post('/api/public/leads', { name: `Flood ${i}`, phone: '+1 555 0100' })).status);
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
      const limited = await api.post('/api/public/leads', { name: 'Later', phone: '+1 555 0100' });
      expectError(limited, 429, /Too many requests/);
    });
  });
});
