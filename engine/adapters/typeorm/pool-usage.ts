import type { OpenedDatabase } from './data-source.js';

/** the node's PostgreSQL connections at this moment, and the statements waiting for one */
export interface PoolUsage {
  readonly size: number;
  readonly busy: number;
  readonly idle: number;
  readonly waiting: number;
}

interface PgPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { readonly max: number };
}

/** read from pg-pool's counters (no statement); null on the embedded PGlite, which has no pool */
export function poolUsage(db: OpenedDatabase): PoolUsage | null {
  if (db.kind !== 'postgres') return null;
  const pool = (db.dataSource.driver as unknown as { master?: PgPool }).master;
  if (!pool) return null;
  return { size: pool.options.max, busy: pool.totalCount - pool.idleCount, idle: pool.idleCount, waiting: pool.waitingCount };
}
