import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

interface Pool {
  readonly totalCount: number;
  readonly idleCount: number;
  connect(): Promise<{ query(text: string): Promise<unknown>; release(): void }>;
}

const describeOnPostgres = process.env['DATABASE_URL'] ? describe : describe.skip;

/**
 * The PostgreSQL pool keeps the connections it opened (data-source.ts): pg-pool's default closed a
 * connection idle for 10 s, and a burst after a calmer spell then waited for new backends, each
 * loading its catalog caches and preparing every statement again (bench/README.md, *Stop 24*).
 */
describeOnPostgres('the PostgreSQL pool', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('keeps its connections through a quiet spell longer than pg-pool’s default idle timeout', async () => {
    const pool = (db.dataSource.driver as unknown as { master: Pool }).master;
    const clients = await Promise.all(Array.from({ length: 4 }, () => pool.connect()));
    await Promise.all(clients.map((client) => client.query('SELECT 1')));
    for (const client of clients) client.release();
    const opened = pool.totalCount;
    expect(opened).toBeGreaterThanOrEqual(4);
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(pool.totalCount).toBe(opened);
    expect(pool.idleCount).toBe(opened);
  });
});
