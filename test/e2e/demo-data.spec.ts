import { CrmClient } from '../support/crm-client.js';
import { eventually } from '../support/eventually.js';
import { RestClient } from '../support/rest-client.js';
import { signIn } from '../support/sessions.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Incident { id: string; processInstanceId: string; activityId: string; incidentType: string; configuration: string; incidentMessage: string }

/** What the README's three journeys start from after `npm start`: the demo users, and a failed instance for ops. */
describe('the demo data', () => {
  let app: TestApp;
  let rest: RestClient;
  let crm: CrmClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'true', DEMO_PASSWORD: 'demo-password-e2e' } });
    rest = new RestClient(app.rest, app.adminAuth);
    crm = new CrmClient(app.url, app.adminAuth);
  });
  afterAll(() => app?.close());

  it('has the users the README signs in as, each with their part of the app', async () => {
    const users = await crm.ok<{ name: string; areas: string[] }[]>('GET', '/api/session/users');
    const areas = Object.fromEntries(users.map((u) => [u.name, u.areas]));
    expect(areas).toMatchObject({ 'Anna Analyst': ['designer'], 'Jack Junior': ['tasklist', 'crm'], 'Oscar Ops': ['cockpit', 'crm'], 'Ada Admin': ['designer', 'tasklist', 'cockpit', 'crm', 'admin'] });
  });

  it('seeds demo users with one demo password, shown by /api/session/demo and marked as demo', async () => {
    const demo = (await (await fetch(`${app.url}/api/session/demo`)).json()) as { users: { email: string }[] };
    expect(demo).toMatchObject({ demo: true, password: 'demo-password-e2e' });
    const ada = demo.users.find((u: { email: string }) => u.email === 'ada.admin@demo.crm');
    expect(ada).toMatchObject({ role: 'admin' });
    expect((await signIn(app, 'oscar.ops@demo.crm', 'demo-password-e2e')).status).toBe(200);
    expect((await signIn(app, 'oscar.ops@demo.crm', 'wrong-password')).status).toBe(401);
    expect((await signIn(app, app.admin.email, app.admin.password)).status).toBe(200);
  });

  it('has companies with cities and tax ids, so the duplicate rules have something to find, and a service desk with its own working hours', async () => {
    const acme = (await crm.ok<{ items: { id: string; city: string; taxId: string }[] }>('GET', '/api/companies', { q: 'Acme Logistics' })).items[0]!;
    expect(acme).toMatchObject({ city: 'Hamburg', taxId: 'DE811234561' });
    const found = await crm.ok<{ items: { id: string; matched: string[] }[] }>('GET', '/api/duplicates', { type: 'company', taxId: 'de 811 234 561' });
    expect(found.items.map((m) => [m.id, m.matched])).toEqual([[acme.id, ['taxId']]]);
    const service = (await crm.ok<{ items: { id: string; name: string }[] }>('GET', '/api/teams')).items.find((t) => t.name === 'Customer Service')!;
    const calendar = await crm.ok<{ isDefault: boolean; timeZone: string; hours: { day: string }[]; holidays: string[] }>('GET', `/api/teams/${service.id}/calendar`);
    expect(calendar).toMatchObject({ isDefault: false, timeZone: 'Europe/Berlin' });
    expect(calendar.hours.map((h) => h.day)).toContain('sat');
    expect(calendar.holidays).toContain(`${new Date().getUTCFullYear()}-12-25`);
  });

  it('has a failed approval that ops repair by correcting the discount and retrying', async () => {
    const incident = await eventually(async () => {
      const [found] = (await rest.get<Incident[]>('/incident', { activityId: 'Resubmit' })).body;
      expect(found).toBeDefined();
      return found!;
    }, { timeoutMs: 90_000, intervalMs: 250 });
    expect(incident).toMatchObject({ incidentType: 'failedJob', incidentMessage: expect.stringContaining("'discountPercent' to be 0 to 100, but got '150'") });
    const instance = (await rest.get<{ businessKey: string }>(`/process-instance/${incident.processInstanceId}`)).body;

    expect((await rest.put(`/process-instance/${incident.processInstanceId}/variables/discountPercent`, { value: 15, type: 'Integer' })).status).toBe(204);
    expect((await rest.put(`/job/${incident.configuration}/retries`, { retries: 1 })).status).toBe(204);

    await eventually(async () => {
      const tasks = (await rest.get<{ taskDefinitionKey: string }[]>('/task', { processInstanceId: incident.processInstanceId })).body;
      expect(tasks.map((t) => t.taskDefinitionKey)).toEqual(['LevelApproval']);
    }, { timeoutMs: 60_000, intervalMs: 250 });
    expect((await rest.get<Incident[]>('/incident', { processInstanceId: incident.processInstanceId })).body).toEqual([]);
    // resubmitted: the corrected discount waits as requested until the approval approves it
    expect(await crm.ok('GET', `/api/deals/${instance.businessKey}`)).toMatchObject({ discountPercent: 0, requestedDiscountPercent: 15, approvalStatus: 'pending' });
  });
});
