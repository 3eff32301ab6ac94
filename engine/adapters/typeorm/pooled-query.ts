import type { DataSource } from 'typeorm';
import { preparesStatements, sendStatement, sharedNames, type DriverClient, type PreparedNames } from './sql.js';

/**
 * Reads outside any unit of work (the REST queries, lists and counts) on the data source's pool,
 * as named prepared statements on PostgreSQL, like the store's (sql.ts): each connection parses and
 * plans a query shape once. Queries are built from filters with their values as parameters, so
 * the shapes are few; past the cap of names they go unnamed. On PGlite they go through TypeORM as
 * before. Errors come as TypeORM's QueryFailedError either way.
 */
export class PooledQuery {
  private readonly pool: DriverClient | null;

  constructor(private readonly dataSource: DataSource, private readonly names: PreparedNames = sharedNames) {
    this.pool = preparesStatements(dataSource) ? ((dataSource.driver as unknown as { master: DriverClient }).master) : null;
  }

  async rows<T = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    if (!this.pool) return (await this.dataSource.query(text, params as unknown[])) as T[];
    return (await sendStatement(this.pool, this.names, text, params)).rows as T[];
  }
}
