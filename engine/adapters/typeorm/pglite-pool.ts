import { EventEmitter } from 'node:events';
import { PGlite, types, type PGliteOptions, type Results } from '@electric-sql/pglite';

type QueryCallback = (error: Error | null, result?: PgLikeResult) => void;

export interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: Results['fields'];
}

/**
 * A `pg.Pool` look-alike over one PGlite database for TypeORM's postgres driver.
 *
 * PGlite has a single session: two interleaved transactions would silently share it
 * (one's ROLLBACK wiping the other's writes). So the pool hands out its only client
 * exclusively: `connect()` waits until the previous holder released it, which
 * serializes every transaction and every standalone query.
 */
export class PgliteExclusivePool extends EventEmitter {
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly db: PGlite) {
    super();
  }

  connect(callback?: (error: Error | null, client?: PgliteLeasedClient, release?: () => void) => void): Promise<PgliteLeasedClient> {
    const lease = this.acquire().then((release) => {
      const client = new PgliteLeasedClient(this.db, release);
      return client;
    });
    if (callback) {
      lease.then(
        (client) => callback(null, client, () => client.release()),
        (error: Error) => callback(error),
      );
    }
    return lease;
  }

  async query(text: string, params?: unknown[] | QueryCallback, callback?: QueryCallback): Promise<PgLikeResult> {
    const client = await this.connect();
    try {
      return await client.query(text, params, callback);
    } finally {
      client.release();
    }
  }

  end(callback?: (error: Error | null) => void): Promise<void> {
    this.closed = true;
    const done = this.tail.then(() => this.db.close());
    if (callback) done.then(() => callback(null), (error: Error) => callback(error));
    return done;
  }

  private acquire(): Promise<() => void> {
    if (this.closed) return Promise.reject(new Error('The embedded database is closed'));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => released);
    let done = false;
    // PGlite answers without I/O: back-to-back transactions (a batch's items) would run as one
    // unbroken chain of microtasks and starve the HTTP server. Each lease waits for one turn of
    // the event loop first, so requests are served in between.
    return previous.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => () => {
      if (!done) {
        done = true;
        release();
      }
    });
  }
}

export class PgliteLeasedClient extends EventEmitter {
  constructor(
    private readonly db: PGlite,
    private readonly releaseLease: () => void,
  ) {
    super();
  }

  async query(text: string, params?: unknown[] | QueryCallback, callback?: QueryCallback): Promise<PgLikeResult> {
    const cb = typeof params === 'function' ? params : callback;
    const values = Array.isArray(params) ? params : undefined;
    try {
      const result = await this.run(text, values);
      cb?.(null, result);
      return result;
    } catch (error) {
      if (cb) cb(error as Error);
      throw error;
    }
  }

  release(): void {
    this.releaseLease();
  }

  private async run(text: string, values: unknown[] | undefined): Promise<PgLikeResult> {
    if (values && values.length > 0) return toPgLike(await this.db.query(text, values));
    const results = await this.db.exec(text);
    return toPgLike(results[results.length - 1] ?? { rows: [], fields: [] });
  }
}

function toPgLike(result: Results): PgLikeResult {
  return {
    rows: result.rows,
    rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length,
    command: result.command ?? '',
    fields: result.fields,
  };
}

/** Same value shapes as node-postgres as configured in data-source.ts: int8 as number, numeric as string. */
export const pgliteParsers: NonNullable<PGliteOptions['parsers']> = {
  [types.INT8]: (value: string) => Number(value),
  [types.NUMERIC]: (value: string) => value,
};

/** The `driver` object TypeORM's postgres driver expects in place of the `pg` module. */
export function pgliteDriver(db: PGlite): { Pool: new () => PgliteExclusivePool } {
  const pool = new PgliteExclusivePool(db);
  return {
    // Every `new Pool()` must share the one lease queue of this database.
    Pool: class {
      constructor() {
        return pool;
      }
    } as unknown as new () => PgliteExclusivePool,
  };
}
