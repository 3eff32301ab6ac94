import { CrmClient } from '../support/crm-client.js';
import { createCast, type CrmCast } from '../support/crm-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The report parameters the web app's report pages use: the funnel per period, complaints per manager. */
describe('CRM reports: periods and the manager filter', () => {
  let app: TestApp;
  let api: CrmClient;
  let cast: CrmCast;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    api = new CrmClient(app.url, app.adminAuth);
    cast = await createCast(api, 'r');
    for (const [owner, stage, amount] of [[cast.senior, 'new', 100], [cast.senior, 'won', 400], [cast.junior, 'new', 50]] as const) {
      await api.ok('POST', '/api/deals', { title: `R ${stage} ${amount}`, companyId: cast.company.id, amount, currency: 'EUR', stage, ownerId: owner });
    }
    for (const [assigneeId, type] of [[cast.agent, 'billing'], [cast.agent, 'delivery'], [cast.headOfService, 'billing']] as const) {
      await api.ok('POST', '/api/complaints', { companyId: cast.company.id, type, channel: 'email', priority: 'normal', description: `${type} issue`, assigneeId });
    }
  }, 120_000);
  afterAll(() => app?.close());

  const badRequest = async (path: string, query: Record<string, string>, message: RegExp) => {
    const response = await api.get(path, query);
    expect({ status: response.status, message: response.body?.message }).toEqual({ status: 400, message: expect.stringMatching(message) });
  };

  it.each([
    ['/api/reports/sales-funnel', { bucket: 'year' }, /query parameter 'bucket': expected one of day, week, month/],
    ['/api/reports/sales-funnel', { from: 'yesterday' }, /query parameter 'from': expected an ISO 8601 date/],
    ['/api/reports/complaints-by-type', { ownerId: 'someone' }, /query parameter 'ownerId': expected an id/],
    ['/api/reports/complaints-by-type', { bucket: 'quarter' }, /query parameter 'bucket': expected one of day, week, month/],
  ])('%s %j is a 400 naming the parameter', async (path, query, message) => {
    await badRequest(path, query, message);
  });

  it('the funnel per month: one row per period, stage and currency, the same totals per stage', async () => {
    const whole = await api.ok('GET', '/api/reports/sales-funnel', { teamId: cast.salesTeam });
    const monthly = await api.ok('GET', '/api/reports/sales-funnel', { teamId: cast.salesTeam, bucket: 'month' });
    expect(monthly.stages).toEqual(whole.stages);
    expect(monthly.period.bucket).toBe('month');
    const thisMonth = await api.ok('GET', '/api/reports/sales-funnel', { teamId: cast.salesTeam, bucket: 'day' });
    const starts = new Set<string>(monthly.rows.map((r: any) => r.periodStart));
    expect(starts.size).toBe(1);
    const start = new Date([...starts][0]!);
    expect(start.getUTCDate()).toBe(1);
    expect(monthly.rows.map((r: any) => [r.stage, r.count, r.amount])).toEqual([['new', 2, 150], ['won', 1, 400]]);
    expect(thisMonth.rows.every((r: any) => new Date(r.periodStart).getTime() >= start.getTime())).toBe(true);
    expect(whole.rows[0]).not.toHaveProperty('periodStart');
  });

  it('a period bucket narrows nothing: a manager sees only their own deals, per period too', async () => {
    const own = await api.as(cast.junior).ok('GET', '/api/reports/sales-funnel', { bucket: 'week', groupBy: 'owner' });
    expect(own.rows.map((r: any) => [r.owner.name, r.stage, r.count])).toEqual([['Jo Junior', 'new', 1]]);
    expect(new Date(own.rows[0].periodStart).getUTCDay()).toBe(1);
    expect((await api.as(cast.junior).ok('GET', '/api/reports/sales-funnel', { bucket: 'week', ownerId: cast.senior })).rows).toEqual([]);
  });

  it('complaints by type for one manager (the assignee); a filter outside what one sees stays empty', async () => {
    const agents = await api.ok('GET', '/api/reports/complaints-by-type', { ownerId: cast.agent });
    expect(agents.rows.map((r: any) => [r.manager.name, r.type, r.count])).toEqual([['Avery Agent', 'billing', 1], ['Avery Agent', 'delivery', 1]]);
    const all = await api.ok('GET', '/api/reports/complaints-by-type', { teamId: cast.serviceTeam });
    expect(all.rows.map((r: any) => r.manager.name).sort()).toEqual(['Avery Agent', 'Avery Agent', 'Harper Service']);
    expect((await api.as(cast.agent).ok('GET', '/api/reports/complaints-by-type', { ownerId: cast.headOfService })).rows).toEqual([]);
    expect((await api.as(cast.agent).ok('GET', '/api/reports/complaints-by-type', { ownerId: cast.agent, bucket: 'day' })).rows.map((r: any) => r.count)).toEqual([1, 1]);
  });
});
