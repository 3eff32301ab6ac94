import type { DataSource } from 'typeorm';
import { openEmbeddedTestDatabase, type EmbeddedTestDatabase } from '../support/test-database.js';

/**
 * PGlite has one session. If two transactions shared it, their statements would interleave in
 * one transaction (lost updates, one's ROLLBACK wiping the other's writes, dirty reads). These
 * specs run real overlapping transactions through TypeORM and the pool; each fails when the
 * pool hands out the session without exclusivity.
 */
describe('embedded PGlite: transactions are serialized on the single session', () => {
  let embedded: EmbeddedTestDatabase;
  let dataSource: DataSource;

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const rows = async (): Promise<string[]> => (await dataSource.query('SELECT name FROM probe ORDER BY name')).map((r: { name: string }) => r.name);

  beforeAll(async () => {
    embedded = await openEmbeddedTestDatabase();
    dataSource = embedded.dataSource;
    await dataSource.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
    await dataSource.query('CREATE TABLE probe (name text PRIMARY KEY)');
  });
  afterAll(() => embedded?.close());
  beforeEach(async () => {
    await dataSource.query('DELETE FROM counter');
    await dataSource.query('DELETE FROM probe');
    await dataSource.query('INSERT INTO counter (id, n) VALUES (1, 0)');
  });

  it('loses no increment when 20 read-modify-write transactions run at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () =>
        dataSource.transaction(async (manager) => {
          const [{ n }] = await manager.query('SELECT n FROM counter WHERE id = 1');
          await pause(2);
          await manager.query('UPDATE counter SET n = $1 WHERE id = 1', [n + 1]);
        }),
      ),
    );
    expect(await dataSource.query('SELECT n FROM counter WHERE id = 1')).toEqual([{ n: 20 }]);
  });

  it("keeps a committed write when another transaction that started meanwhile rolls back", async () => {
    const committing = dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO probe (name) VALUES ('committed')`);
      await pause(20);
    });
    const rollingBack = dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO probe (name) VALUES ('rolled-back')`);
      throw new Error('refused');
    });
    const [committed, rolledBack] = await Promise.allSettled([committing, rollingBack]);
    expect(committed.status).toBe('fulfilled');
    expect(rolledBack).toMatchObject({ status: 'rejected', reason: new Error('refused') });
    expect(await rows()).toEqual(['committed']);
  });

  it('lets a second query runner begin only after the first one committed and released the session', async () => {
    const events: string[] = [];
    const first = dataSource.createQueryRunner();
    const second = dataSource.createQueryRunner();
    try {
      await first.startTransaction();
      await first.query(`INSERT INTO probe (name) VALUES ('first')`);
      events.push('first wrote');
      const secondDone = (async () => {
        await second.startTransaction();
        events.push('second began');
        const seen = await second.query('SELECT name FROM probe');
        await second.query(`INSERT INTO probe (name) VALUES ('second')`);
        await second.commitTransaction();
        return seen.map((r: { name: string }) => r.name);
      })();
      await pause(20);
      events.push('first commits');
      await first.commitTransaction();
      await first.release();
      expect(await secondDone).toEqual(['first']);
    } finally {
      if (!first.isReleased) await first.release();
      await second.release();
    }
    expect(events).toEqual(['first wrote', 'first commits', 'second began']);
    expect(await rows()).toEqual(['first', 'second']);
  });

  it('never shows a standalone query the uncommitted write of a transaction in flight', async () => {
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const transaction = dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO probe (name) VALUES ('uncommitted')`);
      wrote();
      await pause(20);
      throw new Error('rolled back');
    });
    await written;
    const seen = await rows();
    await expect(transaction).rejects.toThrow('rolled back');
    expect(seen).toEqual([]);
    expect(await rows()).toEqual([]);
  });

  it('lets the event loop turn between transactions, so a long chain of them does not starve I/O (regression)', async () => {
    // regression: a batch's back-to-back item transactions held every HTTP response until the batch ended
    let turned = false;
    let transactionsBefore = -1;
    let count = 0;
    setImmediate(() => {
      turned = true;
      transactionsBefore = count;
    });
    for (let i = 0; i < 50; i++) {
      await dataSource.transaction(async (manager) => {
        await manager.query('UPDATE counter SET n = n + 1 WHERE id = 1');
      });
      count++;
    }
    expect(turned).toBe(true);
    expect(transactionsBefore).toBeLessThan(5);
  });
});
