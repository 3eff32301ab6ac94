import { CrmClient } from '../../support/crm-client.js';
import { createCast, type CrmCast } from '../../support/crm-fixtures.js';
import { startTestApp, TEST_USER_PASSWORD, type TestApp } from '../../support/test-app.js';

/**
 * The routes the CRM workspace added (issue 16), asked by whom they do not let in: nobody signed in
 * gets 401, a role without the permission 403 (an analyst reads no records; a manager writes no
 * team's calendar), before any record is looked at.
 */
describe('CRM workspace routes: who is refused', () => {
  let app: TestApp;
  let api: CrmClient;
  let cast: CrmCast;
  let analyst: CrmClient;
  let dealId: string;
  let leadId: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    api = new CrmClient(app.url, app.adminAuth);
    cast = await createCast(api, 'wr');
    const anna = await api.ok('POST', '/api/users', { name: 'Anna Analyst', email: 'anna.wr@e2e.test', role: 'analyst', teamId: null, password: TEST_USER_PASSWORD });
    analyst = api.as(anna.id);
    dealId = (await api.ok('POST', '/api/deals', { title: 'Refusal deal', companyId: cast.company.id, amount: 1000, currency: 'EUR' })).id;
    leadId = (await api.ok('POST', '/api/leads', { source: 'call', personName: 'Refusal Lead' })).id;
  });
  afterAll(() => app?.close());

  const routes = (): [string, string, unknown?][] => [
    ['GET', `/api/teams/${cast.serviceTeam}/calendar`],
    ['PUT', `/api/teams/${cast.serviceTeam}/calendar`, { timeZone: 'UTC', hours: [{ day: 'mon', from: '09:00', to: '17:00' }], holidays: [] }],
    ['GET', '/api/deals/pipeline'],
    ['GET', '/api/duplicates?type=company&name=Customer'],
    ['POST', `/api/companies/${cast.company.id}/merge`, { duplicateId: cast.company.id }],
    ['POST', `/api/contacts/${cast.company.contactId}/merge`, { duplicateId: cast.company.contactId, fields: { email: 'duplicate' } }],
    ['GET', '/api/saved-views?list=deals'],
    ['POST', '/api/saved-views', { list: 'deals', name: 'x', query: {} }],
    ['GET', '/api/records/search?q=Cust'],
    ['GET', `/api/companies/${cast.company.id}/timeline?scope=360`],
    ['GET', `/api/contacts/${cast.company.contactId}/timeline?scope=360`],
    ['GET', '/api/companies/export?format=csv'],
    ['GET', '/api/imports'],
    ['POST', `/api/leads/${leadId}/convert?confirmDuplicate=true`, {}],
  ];

  it('answers 401 to a caller without credentials, whatever the route', async () => {
    const anonymous = new CrmClient(app.url);
    for (const [method, path, body] of routes()) expect([method, path, (await anonymous.request(method, path, body)).status]).toEqual([method, path, 401]);
  });

  it('answers 403 to an analyst, whose role reads no records', async () => {
    for (const [method, path, body] of routes()) expect([method, path, (await analyst.request(method, path, body)).status]).toEqual([method, path, 403]);
  });

  it('answers 403 to a manager changing a team calendar, and to a head changing another team\'s', async () => {
    const [, path, body] = routes()[1]!;
    expect((await api.as(cast.agent).put(path, body)).status).toBe(403);
    expect((await api.as(cast.headOfSales).put(path, body)).status).toBe(403);
    expect((await api.as(cast.headOfService).put(path, body)).status).toBe(200);
  });

  it('shows a manager no deal of another in the pipeline', async () => {
    const { stages } = await api.as(cast.junior).ok('GET', '/api/deals/pipeline', { q: 'Refusal' });
    expect(stages.reduce((sum: number, s: { count: number }) => sum + s.count, 0)).toBe(0);
    expect((await api.as(cast.junior).get(`/api/deals/${dealId}`)).status).toBe(404);
  });
});
