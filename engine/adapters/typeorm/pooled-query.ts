import { QueryFailedError, type DataSource } from 'typeorm';
import { PgliteExclusivePool } from './pglite-pool.js';
import { sharedNames, type PreparedNames } from './sql.js';

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Reads outside any unit of work (the REST queries, lists and counts) on the data source's pool,
 * as named prepared statements on PostgreSQL, like the store's (sql.ts): each connection parses and
 * plans a query shape once. Queries are built from filters with their values as parameters, so
 * the shapes are few; past the cap of names they go unnamed. PGlite, and statements without
 * parameters, go through TypeORM as before. Errors come as TypeORM's QueryFailedError either way.
 */
export class PooledQuery {
  private readonly pool: PgPool | null;

  constructor(private readonly dataSource: DataSource, private readonly names: PreparedNames = sharedNames) {
    // PGlite's driver also says 'postgres'; its pool stand-in takes no named statements
    const master = (dataSource.driver as unknown as { master?: unknown }).master;
    const isPg = dataSource.options.type === 'postgres' && !(master instanceof PgliteExclusivePool) && typeof (master as PgPool | undefined)?.query === 'function';
    this.pool = isPg ? (master as PgPool) : null;
  }

  async rows<T = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    const values = params as unknown[];
    const name = this.pool && values.length > 0 ? this.names.nameOf(text) : undefined;
    if (!this.pool || !name) return (await this.dataSource.query(text, values)) as T[];
    try {
      return (await this.pool.query({ name, text, values })).rows as T[];
    } catch (error) {
      throw new QueryFailedError(text, values, error as Error);
    }
  }
}
