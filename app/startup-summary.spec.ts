import { resolve } from 'node:path';
import { loadConfig } from './config.js';
import { startupSummary } from './startup-summary.js';

const summaryOf = (env: Record<string, string>) => startupSummary(loadConfig(env));

describe('the start-up summary', () => {
  it('with nothing set: localhost:3000, PGlite under ./.data, in-process jobs, the demo sign-in with its default password', () => {
    expect(summaryOf({})).toEqual([
      'Starting on http://localhost:3000: web app /, Camunda REST /engine-rest, CRM API /api, API docs /docs, health /health',
      `Database: embedded PGlite in ${resolve('.data', 'pglite')} (DATABASE_URL not set)`,
      'Jobs: in-process dispatcher over the embedded database',
      'History: full (HISTORY_LEVEL)',
      "Demo sign-in: http://localhost:3000/login as ada.admin@demo.crm (admin) or any demo user the login page lists, password 'demo-password'; seeded on the first start",
    ]);
  });

  it('names PostgreSQL by host, database and user and Redis by host, never a password', () => {
    const lines = summaryOf({
      HOST: '127.0.0.1',
      PORT: '8080',
      DATABASE_URL: 'postgres://crm_app:s3cret-pw@db.internal:5433/crm_prod',
      REDIS_URL: 'redis://:redis-pw@cache.internal:6380',
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'admin-password-123',
    });
    expect(lines).toEqual([
      'Starting on http://127.0.0.1:8080: web app /, Camunda REST /engine-rest, CRM API /api, API docs /docs, health /health',
      'Database: PostgreSQL database crm_prod at db.internal:5433 as crm_app',
      'Jobs: BullMQ on Redis at cache.internal:6380',
      'History: full (HISTORY_LEVEL)',
      'First admin: root@example.com with ADMIN_PASSWORD, created at start when there is no admin yet',
    ]);
    for (const secret of ['s3cret-pw', 'redis-pw', 'admin-password-123']) expect(lines.join('\n')).not.toContain(secret);
  });

  it('says BullMQ on PostgreSQL without REDIS_URL, and how the first admin comes about without ADMIN_EMAIL', () => {
    const lines = summaryOf({ DATABASE_URL: 'postgresql://postgres@127.0.0.1/crm' });
    expect(lines[2]).toBe('Jobs: BullMQ on PostgreSQL (REDIS_URL not set)');
    expect(lines[4]).toBe('First admin: ADMIN_EMAIL not set; sign in with an existing account (a database without an admin needs ADMIN_EMAIL and ADMIN_PASSWORD)');
    expect(lines).toHaveLength(5);
  });

  it('shows a DEMO_PASSWORD someone chose by name only', () => {
    const lines = summaryOf({ DEMO_PASSWORD: 'chosen-demo-secret' });
    expect(lines[4]).toContain('password from DEMO_PASSWORD');
    expect(lines.join('\n')).not.toContain('chosen-demo-secret');
  });

  it.each([
    ['audit', 'History: audit (HISTORY_LEVEL); no historic incidents or decision evaluations'],
    ['activity', 'History: activity (HISTORY_LEVEL); no historic variables, incidents or decision evaluations: the CRM needs audit (README "Configuration")'],
    ['none', 'History: none (HISTORY_LEVEL); no history at all: the CRM needs audit (README "Configuration")'],
  ])('names HISTORY_LEVEL=%s and what it leaves out', (level, line) => {
    expect(summaryOf({ HISTORY_LEVEL: level })[3]).toBe(line);
  });

  it('with PORT=0 says that the port is chosen at start', () => {
    expect(summaryOf({ PORT: '0', HOST: '127.0.0.1' })[0]).toBe(
      'Starting on http://127.0.0.1 on a free port (PORT=0; the "Ready" line names it): web app /, Camunda REST /engine-rest, CRM API /api, API docs /docs, health /health',
    );
  });
});
