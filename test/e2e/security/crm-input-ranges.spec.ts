import { CrmDatabase } from '../../../crm-domain/shared/crm-database.js';
import { writeTeamCalendar } from '../../../crm-domain/calendars/team-calendars.js';
import type { WorkingCalendar } from '../../../crm-domain/calendars/working-time.js';
import { CrmClient } from '../../support/crm-client.js';
import { createCast, type CrmCast } from '../../support/crm-fixtures.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/** every Monday from 2026 on, 1000 of them (19 years): with working hours on Mondays only, no working time is left */
const allMondays = (): string[] => {
  const day = new Date(Date.UTC(2026, 0, 5));
  return Array.from({ length: 1000 }, (_, i) => new Date(day.getTime() + i * 7 * 86_400_000).toISOString().slice(0, 10));
};
const mondaysOnly = (): WorkingCalendar => ({ timeZone: 'UTC', hours: [{ day: 'mon', from: '09:00', to: '17:00' }], holidays: allMondays() });

/**
 * Values the CRM's routes take but the database or the date arithmetic behind them cannot: a 4xx
 * naming the field, never a 500 (README *CRM domain*: "never a 5xx").
 */
describe('CRM input out of range: a 4xx naming the field, never a 500', () => {
  let app: TestApp;
  let api: CrmClient;
  let cast: CrmCast;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    api = new CrmClient(app.url, app.adminAuth);
    cast = await createCast(api, 'ranges');
  });
  afterAll(() => app?.close());

  const complaint = () => ({ companyId: cast.company.id, type: 'billing', channel: 'email', priority: 'low', description: 'Invoice twice', assigneeId: cast.agent });

  describe('dates beyond the years 0001 to 9999', () => {
    it('refuses them in a body with a 400 naming the field', async () => {
      const bodies: [string, string, Record<string, unknown>, string][] = [
        ['POST', '/api/activities', { kind: 'call', subject: 'Far', dueAt: '+275760-09-13T00:00:00Z' }, 'dueAt'],
        ['POST', '/api/activities', { kind: 'call', subject: 'Far', dueAt: -8.64e15, remindBefore: 10 }, 'dueAt'],
        ['POST', '/api/activities', { kind: 'call', subject: 'Far', scheduledAt: '+010000-01-01T00:00:00Z' }, 'scheduledAt'],
        ['POST', '/api/api-keys', { name: 'far', roles: ['worker'], expiresAt: '+275760-09-13T00:00:00Z' }, 'expiresAt'],
      ];
      for (const [method, path, body, field] of bodies) {
        const answer = await api.request(method, path, body);
        expect([path, field, answer.status, answer.body?.message]).toEqual([path, field, 400, expect.stringContaining(`'${field}'`)]);
      }
    });

    it('refuses them in a list, report or audit query with a 400 naming the parameter', async () => {
      const queries: [string, string][] = [
        ['/api/deals?createdFrom=%2B200000-01-01', 'createdFrom'],
        ['/api/deals?closeFrom=-000100-01-01', 'closeFrom'],
        ['/api/activities?dueBefore=%2B275760-09-13', 'dueBefore'],
        ['/api/complaints/export?slaDueBefore=%2B200000-01-01', 'slaDueBefore'],
        ['/api/reports/sales-funnel?from=%2B200000-01-01', 'from'],
        ['/api/audit?to=%2B200000-01-01', 'to'],
        ['/api/tasks?dueBefore=%2B275760-09-13', 'dueBefore'],
      ];
      for (const [path, parameter] of queries) {
        const answer = await api.request('GET', path);
        expect([path, answer.status, answer.body?.message]).toEqual([path, 400, expect.stringContaining(`'${parameter}'`)]);
      }
    });

    it('still takes the edges of that range', async () => {
      expect((await api.request('POST', '/api/activities', { kind: 'call', subject: 'Late', dueAt: '9999-12-30T00:00:00Z' })).status).toBe(201);
      expect((await api.request('GET', '/api/deals?createdFrom=0001-01-01&createdTo=9999-12-31')).status).toBe(200);
    });
  });

  describe('a team calendar without working time ahead', () => {
    it("refuses a head's calendar that leaves too little working time for an SLA, and complaints still register", async () => {
      const refused = await api.as(cast.headOfService).request('PUT', `/api/teams/${cast.serviceTeam}/calendar`, mondaysOnly());
      expect({ status: refused.status, message: refused.body?.message }).toEqual({ status: 400, message: expect.stringContaining("'hours' and 'holidays'") });
      expect((await api.ok('GET', `/api/teams/${cast.serviceTeam}/calendar`)).isDefault).toBe(true);
      expect((await api.request('POST', '/api/complaints', complaint())).status).toBe(201);
    });

    it('answers a complaint on a calendar stored without working time ahead with a 409, not a 500', async () => {
      await writeTeamCalendar(app.nest.get(CrmDatabase).dataSource.manager, cast.serviceTeam, mondaysOnly());
      try {
        const answer = await api.request('POST', '/api/complaints', complaint());
        expect({ status: answer.status, code: answer.body?.code }).toEqual({ status: 409, code: 'CRM_CALENDAR_EXHAUSTED' });
      } finally {
        await api.ok('PUT', `/api/teams/${cast.serviceTeam}/calendar`, { timeZone: 'UTC', hours: [{ day: 'mon', from: '09:00', to: '17:00' }], holidays: [] });
      }
    });
  });
});
