import { CrmClient } from '../support/crm-client.js';
import { createCast, type CrmCast } from '../support/crm-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The API behind the workspace's work screens: the pipeline's columns, the complaints desk's queue, activities' reminders and overdue flag. */
describe('CRM work API', () => {
  let app: TestApp;
  let api: CrmClient;
  let cast: CrmCast;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    api = new CrmClient(app.url, app.adminAuth);
    cast = await createCast(api, 'w');
  });
  afterAll(() => app?.close());

  describe('GET /api/deals/pipeline', () => {
    beforeAll(async () => {
      const deal = (title: string, amount: number, stage: string, ownerId: string, currency = 'EUR') =>
        api.ok('POST', '/api/deals', { title, companyId: cast.company.id, amount, currency, stage, ownerId });
      await deal('Pipe one', 1000, 'new', cast.senior);
      await deal('Pipe two', 2500, 'new', cast.junior);
      await deal('Pipe three', 700, 'new', cast.junior, 'USD');
      await deal('Pipe four', 50_000, 'proposal', cast.senior);
    });

    it('counts each stage\'s deals and sums their amounts per currency, every stage in order', async () => {
      const { stages } = await api.ok('GET', '/api/deals/pipeline', { q: 'Pipe' });
      expect(stages.map((s: { stage: string }) => s.stage)).toEqual(['new', 'qualification', 'proposal', 'negotiation', 'won', 'lost']);
      expect(stages[0]).toEqual({ stage: 'new', count: 3, amountByCurrency: { EUR: 3500, USD: 700 } });
      expect(stages[2]).toEqual({ stage: 'proposal', count: 1, amountByCurrency: { EUR: 50_000 } });
      expect(stages[1]).toEqual({ stage: 'qualification', count: 0, amountByCurrency: {} });
    });

    it('takes the list\'s filters and shows a manager only their own deals', async () => {
      const filtered = await api.ok('GET', '/api/deals/pipeline', { q: 'Pipe', minAmount: 2000 });
      expect(filtered.stages.map((s: { count: number }) => s.count)).toEqual([1, 0, 1, 0, 0, 0]);
      const junior = await api.as(cast.junior).ok('GET', '/api/deals/pipeline', { q: 'Pipe' });
      expect(junior.stages[0]).toEqual({ stage: 'new', count: 2, amountByCurrency: { EUR: 2500, USD: 700 } });
      expect(junior.stages[2].count).toBe(0);
    });

    it('refuses a bad filter, naming it', async () => {
      const response = await api.get('/api/deals/pipeline', { minAmount: 'lots' });
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/query parameter 'minAmount'/);
    });
  });

  describe('GET /api/complaints for the desk', () => {
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const register = (priority: string, description: string) =>
        api.ok('POST', '/api/complaints', { companyId: cast.company.id, type: 'delivery', channel: 'phone', priority, description, assigneeId: cast.agent });
      ids['urgent'] = (await register('urgent', 'Desk urgent')).id;
      ids['low'] = (await register('low', 'Desk low')).id;
      ids['resolved'] = (await register('high', 'Desk resolved')).id;
      await api.ok('POST', `/api/complaints/${ids['resolved']}/resolve`, { resolution: 'Done' });
    });

    it('open=true&sort=slaDueAt: the open ones, soonest due first', async () => {
      const page = await api.ok('GET', '/api/complaints', { open: true, sort: 'slaDueAt', companyId: cast.company.id });
      expect(page.items.map((c: { id: string }) => c.id)).toEqual([ids['urgent'], ids['low']]);
    });

    it('teamId: assigned to the team\'s members; slaDueBefore: due before then', async () => {
      const team = await api.ok('GET', '/api/complaints', { open: true, teamId: cast.serviceTeam });
      expect(team.total).toBe(2);
      const sales = await api.ok('GET', '/api/complaints', { open: true, teamId: cast.salesTeam });
      expect(sales.total).toBe(0);
      const soon = await api.ok('GET', '/api/complaints', { open: true, companyId: cast.company.id, slaDueBefore: new Date(Date.now() + 2 * 86_400_000).toISOString() });
      expect(soon.items.map((c: { id: string }) => c.id)).toEqual([ids['urgent']]);
    });

    it('refuses open=maybe, naming the parameter', async () => {
      const response = await api.get('/api/complaints', { open: 'maybe' });
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/query parameter 'open': expected true or false/);
    });
  });

  describe('activities: remindBefore and overdue', () => {
    it('answers overdue with each activity and filters by it', async () => {
      const past = await api.ok('POST', '/api/activities', { kind: 'call', subject: 'Late call', dueAt: new Date(Date.now() - 60_000).toISOString(), ownerId: cast.agent });
      const later = await api.ok('POST', '/api/activities', { kind: 'call', subject: 'Later call', dueAt: new Date(Date.now() + 3600_000).toISOString(), ownerId: cast.agent, remindBefore: 30 });
      expect(past.overdue).toBe(true);
      expect(later).toMatchObject({ overdue: false, remindBefore: 30 });
      expect(new Date(later.remindAt).getTime()).toBe(new Date(later.dueAt).getTime() - 30 * 60_000);
      const overdue = await api.ok('GET', '/api/activities', { overdue: true, ownerId: cast.agent });
      expect(overdue.items.map((a: { id: string }) => a.id)).toEqual([past.id]);
      expect(overdue.items[0].overdue).toBe(true);
      const done = await api.ok('PATCH', `/api/activities/${past.id}`, { done: true });
      expect(done.overdue).toBe(false);
      expect((await api.ok('GET', '/api/activities', { overdue: true, ownerId: cast.agent })).total).toBe(0);
    });

    it('refuses a reminder longer than a week, naming the field', async () => {
      const response = await api.post('/api/activities', { kind: 'call', subject: 'X', dueAt: new Date().toISOString(), remindBefore: 20_000 });
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/'remindBefore' must be 0 to 10080/);
    });
  });
});
