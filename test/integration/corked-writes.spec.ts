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
      const answers = await Promise.all(clients.flatMap((client, c) => Array.from({ length: 25 }, async (_, i) => {
        const { rows } = await client.query({ name: 'corked_probe', text: 'SELECT $1::int + $2::int AS n', values: [c, i] });
        return rows[0]!.n === c + i;
      })));
      expect(answers.every(Boolean)).toBe(true);
      expect(answers).toHaveLength(100);
    } finally {
      for (const client of clients) client.release();
    }
  });
});
