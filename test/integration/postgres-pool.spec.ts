import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

interface PooledClient {
  connection: { __corked?: true };
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: { n: number }[] }>;
  query(text: string): Promise<unknown>;
  release(): void;
}

interface Pool {
  readonly totalCount: number;
  readonly idleCount: number;
  connect(): Promise<PooledClient>;
}

const describeOnPostgres = process.env['DATABASE_URL'] ? describe : describe.skip;

/** the service's PostgreSQL pool (data-source.ts), as openDatabase sets it up */
describeOnPostgres('the PostgreSQL pool', () => {
  let db: TestDatabase;
  const pool = () => (db.dataSource.driver as unknown as { master: Pool }).master;

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  /** each prepared statement's messages go out in one write (corked-writes.ts) */
  it('corks every client of the pool, and prepared statements answer as before', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => pool().connect()));
    try {
      for (const client of clients) expect(client.connection.__corked).toBe(true);
      // the clients at once, each one statement after another (pg sends a client's queries one at a time anyway, and pg 9 will refuse a query issued while one runs)
      const answers = (await Promise.all(clients.map(async (client, c) => {
        const results: boolean[] = [];
        for (let i = 0; i < 25; i++) {
          const { rows } = await client.query({ name: 'corked_probe', text: 'SELECT $1::int + $2::int AS n', values: [c, i] });
          results.push(rows[0]!.n === c + i);
        }
        return results;
      }))).flat();
      expect(answers.every(Boolean)).toBe(true);
      expect(answers).toHaveLength(100);
    } finally {
      for (const client of clients) client.release();
    }
  });

  /**
   * pg-pool's default closed a connection idle for 10 s, and a burst after a calmer spell then waited
   * for new backends, each loading its catalog caches and preparing every statement again
   * (bench/README.md, *Stop 24*)
   */
  it('keeps its connections through a quiet spell longer than pg-pool’s default idle timeout', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => pool().connect()));
    await Promise.all(clients.map((client) => client.query('SELECT 1')));
    for (const client of clients) client.release();
    const opened = pool().totalCount;
    expect(opened).toBeGreaterThanOrEqual(4);
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(pool().totalCount).toBe(opened);
    expect(pool().idleCount).toBe(opened);
  });
});
