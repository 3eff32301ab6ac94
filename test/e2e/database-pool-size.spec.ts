import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const describeOnPostgres = process.env['DATABASE_URL'] ? describe : describe.skip;

/** DATABASE_POOL_SIZE bounds the PostgreSQL connections one node opens (README, *Configuration*) */
describeOnPostgres('DATABASE_POOL_SIZE', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { DATABASE_POOL_SIZE: '3' } });
  });
  afterAll(() => app?.close());

  it('opens at most that many connections, however many statements wait', async () => {
    const db = app.nest.get<OpenedDatabase>(DATABASE);
    const pool = (db.dataSource.driver as unknown as { master: { totalCount: number; options: { max: number } } }).master;
    expect(pool.options.max).toBe(3);
    await Promise.all(Array.from({ length: 8 }, () => db.dataSource.query('SELECT pg_sleep(0.05)')));
    expect(pool.totalCount).toBe(3);
  });
});
