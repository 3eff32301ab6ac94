import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

interface PooledClient {
  connection: { __corked?: true };
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: { n: number }[] }>;
  release(): void;
}

const describeOnPostgres = process.env['DATABASE_URL'] ? describe : describe.skip;

/** the service's PostgreSQL pool sends each prepared statement's messages in one write (corked-writes.ts) */
describeOnPostgres('corked statement writes on PostgreSQL', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('corks every client of the pool, and prepared statements answer as before', async () => {
    const pool = (db.dataSource.driver as unknown as { master: { connect(): Promise<PooledClient> } }).master;
    const clients = await Promise.all(Array.from({ length: 4 }, () => pool.connect()));
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
});
