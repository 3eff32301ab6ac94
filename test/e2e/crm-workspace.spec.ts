import { CrmClient } from '../support/crm-client.js';
import { createCast, type CrmCast } from '../support/crm-fixtures.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** what the web app's record screens add to the API: saved views, the record search, the 360° timeline */
describe('CRM workspace API', () => {
  let app: TestApp;
  let api: CrmClient;
  let cast: CrmCast;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    api = new CrmClient(app.url, app.adminAuth);
    cast = await createCast(api, 'w');
  });
  afterAll(() => app?.close());

  const expectError = (response: { status: number; body: any }, status: number, message: RegExp) =>
    expect({ status: response.status, message: response.body?.message }).toEqual({ status, message: expect.stringMatching(message) });

  describe('saved views', () => {
    it('are each user\'s own, replaced by name, validated against their list', async () => {
      const senior = api.as(cast.senior);
      const junior = api.as(cast.junior);
      const saved = await senior.ok('POST', '/api/saved-views', { list: 'deals', name: 'Big proposals', query: { stage: 'proposal', minAmount: '50000', sort: '-amount', page: '3' } });
      expect(saved).toMatchObject({ list: 'deals', name: 'Big proposals', query: { stage: 'proposal', minAmount: '50000', sort: '-amount' } });
      expect(saved.query.page).toBeUndefined();
      // the same name again replaces it
      await senior.ok('POST', '/api/saved-views', { list: 'deals', name: 'big PROPOSALS', query: { stage: 'proposal' } });
      expect((await senior.ok('GET', '/api/saved-views', { list: 'deals' })).map((v: any) => [v.name, v.query])).toEqual([['big PROPOSALS', { stage: 'proposal' }]]);
      expect(await senior.ok('GET', '/api/saved-views', { list: 'companies' })).toEqual([]);
      // another user neither sees nor deletes it
      expect(await junior.ok('GET', '/api/saved-views', { list: 'deals' })).toEqual([]);
      expectError(await junior.delete(`/api/saved-views/${saved.id}`), 404, /does not exist/);
      expect((await senior.delete(`/api/saved-views/${saved.id}`)).status).toBe(204);
      expect(await senior.ok('GET', '/api/saved-views', { list: 'deals' })).toEqual([]);
    });

    it.each([
      [{ list: 'planets', name: 'x', query: {} }, /'list' expected one of companies, contacts/],
      [{ list: 'deals', name: ' ', query: {} }, /'name' must not be empty/],
      [{ list: 'deals', name: 'x', query: { stage: 'closed' } }, /'query' is not a query of the deals list: .*'stage': expected one of new/],
      [{ list: 'deals', name: 'x', query: { colour: 'red' } }, /'query' is not a query of the deals list: Unknown query parameter 'colour'/],
      [{ list: 'deals', name: 'x', query: { stage: 5 } }, /'query.stage' expected text/],
    ])('refuses %j', async (body, message) => {
      expectError(await api.post('/api/saved-views', body), 400, message);
    });

    it('needs a list to read', async () => {
      expectError(await api.get('/api/saved-views'), 400, /query parameter 'list'/);
    });
  });

  describe('record search', () => {
    it('finds records by the start of their name across types, only those the caller sees', async () => {
      const own = await api.ok('POST', '/api/companies', { name: 'Quokka Mining', type: 'client', ownerId: cast.senior, primaryContact: { fullName: 'Quentin Quokka' } });
      await api.ok('POST', '/api/companies', { name: 'Quokka Logistics', type: 'client', ownerId: cast.junior, primaryContact: { fullName: 'Lou Logistics' } });
      await api.ok('POST', '/api/deals', { title: 'Quokka expansion', companyId: own.id, amount: 1000, currency: 'EUR', ownerId: cast.senior });
      const found = await api.ok('GET', '/api/records/search', { q: 'quok' });
      expect(found.map((r: any) => `${r.type}:${r.title}`)).toEqual(['deal:Quokka expansion', 'company:Quokka Logistics', 'company:Quokka Mining']);
      expect((await api.ok('GET', '/api/records/search', { q: 'quentin', types: 'contact,lead' })).map((r: any) => r.title)).toEqual(['Quentin Quokka']);
      expect((await api.ok('GET', '/api/records/search', { q: 'Quokka', types: 'company' })).map((r: any) => r.title)).toEqual(['Quokka Logistics', 'Quokka Mining']);
      expect((await api.as(cast.senior).ok('GET', '/api/records/search', { q: 'quokka', types: 'company,deal' })).map((r: any) => r.title)).toEqual(['Quokka expansion', 'Quokka Mining']);
      expect(await api.ok('GET', '/api/records/search', { q: '%' })).toEqual([]);
      // a complaint has no name: it is found by its company's, which its title shows first
      const complaint = await api.ok('POST', '/api/complaints', { companyId: own.id, type: 'delivery', channel: 'phone', priority: 'normal', description: 'Ore arrived wet', assigneeId: cast.agent });
      expect(await api.ok('GET', '/api/records/search', { q: 'quokka m', types: 'complaint' })).toEqual([{ type: 'complaint', id: complaint.id, title: 'Quokka Mining · delivery: Ore arrived wet' }]);
      expect((await api.ok('GET', '/api/records/search', { q: 'quokka m' })).map((r: any) => r.type)).toEqual(['company', 'complaint']);
      // only complaints the caller sees: the agent's, not the junior's
      expect((await api.as(cast.agent).ok('GET', '/api/records/search', { q: 'quokka', types: 'complaint' })).map((r: any) => r.id)).toEqual([complaint.id]);
      expect(await api.as(cast.junior).ok('GET', '/api/records/search', { q: 'quokka', types: 'complaint' })).toEqual([]);
    });

    it.each([
      ['/api/records/search', /query parameter 'q'/],
      ['/api/records/search?q=a&types=planet', /query parameter 'types': expected record types separated by commas, of company, contact, lead, deal, complaint/],
      ['/api/records/search?q=a&limit=50', /query parameter 'limit': expected at most 20/],
    ])('refuses %s', async (path, message) => {
      expectError(await api.get(path), 400, message);
    });
  });

  describe('the 360° timeline of a company', () => {
    it('gathers its contacts\', deals\' and complaints\' changes, activities and process steps, newest first, paged', async () => {
      const company = await api.ok('POST', '/api/companies', { name: 'Wombat Works', type: 'client', ownerId: cast.senior, primaryContact: { fullName: 'Wanda Wombat' } });
      const deal = await api.ok('POST', '/api/deals', { title: 'Wombat fleet', companyId: company.id, amount: 60_000, currency: 'EUR', stage: 'proposal', ownerId: cast.senior });
      await api.as(cast.senior).ok('POST', `/api/deals/${deal.id}/approval-requests`, {});
      await api.ok('POST', '/api/complaints', { companyId: company.id, type: 'delivery', channel: 'phone', priority: 'normal', description: 'Late wombats', assigneeId: cast.agent });
      await api.ok('POST', '/api/activities', { kind: 'call', subject: 'Kick-off call', recordType: 'deal', recordId: deal.id });
      // another company's deal stays out
      await api.ok('POST', '/api/deals', { title: 'Other fleet', companyId: cast.company.id, amount: 10, currency: 'EUR' });

      const all = await eventually(async () => {
        const page = await api.ok('GET', `/api/companies/${company.id}/timeline`, { scope: '360', limit: 200 });
        // both processes wait at their user tasks: nothing changes while the pages are read
        const steps = page.entries.filter((e: any) => e.kind === 'process').map((e: any) => e.detail.step);
        expect(steps).toEqual(expect.arrayContaining(['Approval (manager)', 'Resolve complaint']));
        return page;
      });
      expect(all.record).toEqual({ type: 'company', id: company.id, title: 'Wombat Works' });
      const abouts = new Set(all.entries.map((e: any) => `${e.about.type}:${e.about.title}`));
      expect([...abouts].sort()).toEqual(['company:Wombat Works', 'complaint:delivery: Late wombats', 'contact:Wanda Wombat', 'deal:Wombat fleet']);
      expect(all.entries.find((e: any) => e.kind === 'activity')).toMatchObject({ what: 'call', detail: { subject: 'Kick-off call' }, about: { id: deal.id } });
      expect(all.entries.find((e: any) => e.kind === 'change' && e.about.id === deal.id)).toMatchObject({ who: { name: expect.any(String) } });
      const times = all.entries.map((e: any) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(all.next).toBeNull();

      // pages of 3 give the same entries, each once
      const keys: string[] = [];
      let before: string | null = null;
      do {
        const page: any = await api.ok('GET', `/api/companies/${company.id}/timeline`, { scope: '360', limit: 3, ...(before ? { before } : {}) });
        expect(page.entries.length).toBeLessThanOrEqual(3);
        keys.push(...page.entries.map((e: any) => e.key));
        before = page.next;
      } while (before);
      expect(keys).toEqual(all.entries.map((e: any) => e.key));

      // the owner of company and deal does not see the complaint assigned to the agent: it stays out of their view
      const owners = await api.as(cast.senior).ok('GET', `/api/companies/${company.id}/timeline`, { scope: '360', limit: 200 });
      expect(new Set(owners.entries.map((e: any) => e.about.type))).toEqual(new Set(['company', 'contact', 'deal']));
      expect(owners.related.map((r: any) => r.type).sort()).toEqual(['company', 'contact', 'deal']);
      // the junior sees neither the company nor its timeline
      expectError(await api.as(cast.junior).get(`/api/companies/${company.id}/timeline?scope=360`), 404, /does not exist/);
    });

    it("gathers a contact's deals, complaints and converted leads, but not the rest of their company's", async () => {
      // the lead converts into a new company, its contact Nina and her deal
      const lead = await api.ok('POST', '/api/leads', { source: 'call', personName: 'Nina Numbat', companyName: 'Numbat Naturals', ownerId: cast.senior });
      const converted = await api.ok('POST', `/api/leads/${lead.id}/convert?confirmDuplicate=true`, { dealTitle: 'Numbat nursery', amount: 900, currency: 'EUR' });
      const [company, nina, deal] = [converted.companyId, converted.contactId, converted.dealId] as string[];
      await api.ok('PATCH', `/api/companies/${company}`, { ownerId: cast.senior });
      await api.ok('PATCH', `/api/contacts/${nina}`, { ownerId: cast.senior });
      await api.ok('PATCH', `/api/deals/${deal}`, { ownerId: cast.senior });
      const bernd = (await api.ok('POST', '/api/contacts', { companyId: company, fullName: 'Bernd Brandt', ownerId: cast.senior })).id as string;
      await api.ok('POST', '/api/deals', { title: "Bernd's deal", companyId: company, contactId: bernd, amount: 100, currency: 'EUR', ownerId: cast.senior });
      await api.ok('POST', '/api/deals', { title: 'Company-only deal', companyId: company, amount: 100, currency: 'EUR', ownerId: cast.senior });
      const complaint = await api.ok('POST', '/api/complaints', { companyId: company, contactId: nina, type: 'product_quality', channel: 'email', priority: 'low', description: 'Numbats too shy', assigneeId: cast.agent });
      await api.ok('POST', '/api/activities', { kind: 'email', subject: 'Nursery quote', recordType: 'deal', recordId: deal });

      const page = await eventually(async () => {
        const found = await api.ok('GET', `/api/contacts/${nina}/timeline`, { scope: '360', limit: 200 });
        expect(found.entries.some((e: any) => e.kind === 'process' && e.about.id === complaint.id)).toBe(true);
        return found;
      });
      expect(page.record).toEqual({ type: 'contact', id: nina, title: 'Nina Numbat' });
      expect(page.related.map((r: any) => `${r.type}:${r.title}`).sort()).toEqual(['complaint:product_quality: Numbats too shy', 'contact:Nina Numbat', 'deal:Numbat nursery', 'lead:Nina Numbat (Numbat Naturals)']);
      expect(new Set(page.entries.map((e: any) => e.about.id))).toEqual(new Set([nina, deal, complaint.id, lead.id]));
      expect(page.entries.find((e: any) => e.kind === 'activity')).toMatchObject({ detail: { subject: 'Nursery quote' }, about: { id: deal } });

      // the senior owns the contact, its deal and lead, not the complaint assigned to the agent
      const owners = await api.as(cast.senior).ok('GET', `/api/contacts/${nina}/timeline`, { scope: '360', limit: 200 });
      expect(owners.related.map((r: any) => r.type).sort()).toEqual(['contact', 'deal', 'lead']);
      // the junior sees neither the contact nor its timeline
      expectError(await api.as(cast.junior).get(`/api/contacts/${nina}/timeline?scope=360`), 404, /does not exist/);
      // a deal's timeline stays its own
      const dealPage = await api.ok('GET', `/api/deals/${deal}/timeline`, { scope: '360', limit: 200 });
      expect(dealPage.related).toEqual([{ type: 'deal', id: deal, title: 'Numbat nursery' }]);
    });

    it.each([
      ['?scope=360&before=yesterday', /query parameter 'before': expected the 'next' of a previous page/],
      ['?before=2026-01-01T00:00:00.000Z~c1', /query parameter 'before': only with scope=360/],
      ['?scope=everything', /query parameter 'scope': expected record or 360/],
    ])('refuses %s', async (query, message) => {
      expectError(await api.get(`/api/companies/${cast.company.id}/timeline${query}`), 400, message);
    });
  });
});
