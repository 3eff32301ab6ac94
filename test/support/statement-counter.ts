import type { DataSource } from 'typeorm';

/** What the service sent to the database between two snapshots. */
export interface StatementCounts {
  /** every statement sent, BEGIN and COMMIT included */
  statements: number;
  /** explicit transactions (BEGIN / START TRANSACTION) */
  transactions: number;
  /** connections taken from the pool */
  checkouts: number;
  /** statements sent with a name (prepared once per connection) */
  named: number;
  /** statements with an `ON CONFLICT` clause */
  upserts: number;
  /** the statements' first characters, in order */
  texts: string[];
  /** rows written by committed explicit transactions and by single statements, per table and kind */
  rows: Record<string, { inserted: number; updated: number; deleted: number }>;
}

type QueryArg = string | { text: string; name?: string; values?: unknown[] };
interface PgLikeClient {
  query(arg: QueryArg, values?: unknown, callback?: unknown): Promise<{ rows: Record<string, unknown>[] }>;
  __counted?: true;
}
interface PgLikePool {
  connect(callback?: (error: Error | null, client?: PgLikeClient, release?: () => void) => void): Promise<PgLikeClient>;
}

const XACT_STATS = `SELECT schemaname || '.' || relname AS relname, n_tup_ins::int AS ins, n_tup_upd::int AS upd, n_tup_del::int AS del
  FROM pg_stat_xact_user_tables WHERE (n_tup_ins + n_tup_upd + n_tup_del) > 0`;

/**
 * Counts what goes over the pool of a TypeORM data source (PostgreSQL or the PGlite pool):
 * statements, transactions, checkouts, and the rows each transaction wrote, read from
 * `pg_stat_xact_user_tables` on the same connection after BEGIN and before COMMIT. These extra
 * reads are not counted.
 */
export class StatementCounter {
  private counts: StatementCounts = emptyCounts();

  constructor(dataSource: DataSource) {
    const pool = (dataSource.driver as unknown as { master: PgLikePool }).master;
    const connect = pool.connect.bind(pool);
    pool.connect = ((callback?: (error: Error | null, client?: PgLikeClient, release?: () => void) => void) => {
      this.counts.checkouts++;
      if (!callback) return connect().then((client) => this.wrap(client));
      return connect((error, client, release) => callback(error, client && this.wrap(client), release));
    }) as PgLikePool['connect'];
  }

  /** the counts since the previous call */
  take(): StatementCounts {
    const taken = this.counts;
    this.counts = emptyCounts();
    return taken;
  }

  private wrap(client: PgLikeClient): PgLikeClient {
    if (client.__counted) return client;
    client.__counted = true;
    const query = client.query.bind(client);
    let inTransaction = false;
    // the view holds the connection's counts not yet flushed to the cumulative statistics, which
    // happens only between transactions: the difference from BEGIN to COMMIT is the transaction's
    const stats = async () => new Map((await query(XACT_STATS)).rows.map((row) => [String(row['relname']), row]));
    let atBegin = new Map<string, Record<string, unknown>>();
    const tally = async () => {
      for (const [name, row] of await stats()) {
        const before = atBegin.get(name);
        const delta = (column: string) => Number(row[column]) - Number(before?.[column] ?? 0);
        if (delta('ins') + delta('upd') + delta('del') === 0) continue;
        const entry = (this.counts.rows[name] ??= { inserted: 0, updated: 0, deleted: 0 });
        entry.inserted += delta('ins');
        entry.updated += delta('upd');
        entry.deleted += delta('del');
      }
    };
    client.query = (async (arg: QueryArg, values?: unknown, callback?: unknown) => {
      const text = (typeof arg === 'string' ? arg : arg.text).trim().toUpperCase();
      this.counts.statements++;
      this.counts.texts.push(text.replace(/\s+/g, ' ').slice(0, 90));
      if (typeof arg !== 'string' && arg.name) this.counts.named++;
      if (text.includes('ON CONFLICT')) this.counts.upserts++;
      if (text.startsWith('BEGIN') || text.startsWith('START TRANSACTION')) {
        this.counts.transactions++;
        const result = await query(arg, values, callback);
        inTransaction = true;
        atBegin = await stats();
        return result;
      }
      if (text === 'COMMIT') {
        await tally();
        inTransaction = false;
      }
      if (text === 'ROLLBACK') inTransaction = false;
      if (inTransaction || text.startsWith('SELECT') || text === 'COMMIT' || text === 'ROLLBACK') return query(arg, values, callback);
      // a statement outside a transaction commits by itself, and its counts with it: the counter
      // runs it inside a transaction of its own (not counted) to read them
      const counted = (async () => {
        await query('BEGIN');
        atBegin = await stats();
        try {
          const result = await query(arg, values);
          await tally();
          await query('COMMIT');
          return result;
        } catch (error) {
          await query('ROLLBACK');
          throw error;
        }
      })();
      // pg's pool.query passes a callback and waits for it, not for the promise
      if (typeof callback === 'function') {
        counted.then((result) => callback(null, result), (error: unknown) => callback(error));
        return undefined;
      }
      return counted;
    }) as PgLikeClient['query'];
    return client;
  }
}

function emptyCounts(): StatementCounts {
  return { statements: 0, transactions: 0, checkouts: 0, named: 0, upserts: 0, texts: [], rows: {} };
}

/** the per-table counts in one line each, e.g. `task +1 ~0 -0` */
export function describeRows(rows: StatementCounts['rows']): string[] {
  return Object.entries(rows)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([table, r]) => `${table} +${r.inserted} ~${r.updated} -${r.deleted}`);
}

export function totalRows(rows: StatementCounts['rows']): { inserted: number; updated: number; deleted: number } {
  return Object.values(rows).reduce((sum, r) => ({ inserted: sum.inserted + r.inserted, updated: sum.updated + r.updated, deleted: sum.deleted + r.deleted }), { inserted: 0, updated: 0, deleted: 0 });
}
