import type { Migration } from 'typeorm';
import type { OpenedDatabase } from './data-source.js';

/** any fixed number, the same on every node: the session lock that lets one node at a time migrate */
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Applies the pending migrations. On PostgreSQL several nodes may start at once on one database:
 * each waits for a session advisory lock, so one migrates and the others then find nothing to do.
 * (The embedded PGlite serves one process through one connection and needs no lock.)
 */
export async function runPendingMigrations(db: OpenedDatabase): Promise<Migration[]> {
  if (db.kind !== 'postgres') return db.dataSource.runMigrations({ transaction: 'each' });
  const lock = db.dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await db.dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
  }
}
