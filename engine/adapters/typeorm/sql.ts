import { QueryFailedError, type DataSource, type QueryRunner } from 'typeorm';
import { PgliteExclusivePool } from './pglite-pool.js';

/** The pg client under a TypeORM query runner, or pg's pool (node-postgres, or the PGlite look-alike). */
export interface DriverClient {
  query(config: { name: string; text: string; values: unknown[] } | string, values?: unknown[]): Promise<{ rows?: unknown[]; rowCount?: number | null }>;
}

/**
 * Names of prepared statements, one per statement text: PostgreSQL parses and plans a named
 * statement once per connection. The number of names is capped so that statements built from
 * data (a multi-row insert of an unusual size) cannot grow every connection's memory without
 * bound: past the cap, new texts go unnamed.
 */
export class PreparedNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly capacity = 400) {}

  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.capacity) return known;
    const name = `engine_${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }
}

export const sharedNames = new PreparedNames();

export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export interface StatementResult {
  readonly rows: Record<string, unknown>[];
  readonly rowCount: number;
}

/**
 * Raw SQL on one connection, straight on the driver's client (TypeORM's query path costs time
 * for nothing here). On PostgreSQL every statement goes out named, so it is planned once per
 * connection; PGlite has one session and no use for names. Errors come as TypeORM's
 * QueryFailedError, as through TypeORM.
 *
 * The transaction begins with the first write, not before: reads need none (in READ COMMITTED
 * each statement sees its own snapshot anyway, and the revision guards decide whether what was
 * read still holds). A unit of work written in a single statement needs no BEGIN and COMMIT at
 * all: one statement is atomic, and committed when it returns.
 */
export class Sql {
  private readonly client: DriverClient;
  private begun = false;
  /** a single statement committed the work: nothing may be written after it */
  private committedAlone = false;

  constructor(
    runner: QueryRunner,
    private readonly prepare: boolean,
    private readonly names: PreparedNames = sharedNames,
  ) {
    const client = (runner as unknown as { databaseConnection?: DriverClient }).databaseConnection;
    if (!client) throw new Error('Expected a connected query runner, but it has no connection');
    this.client = client;
  }

  /** a plain SELECT: inside the transaction if one has begun, else on its own */
  async read<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.send(sql, params)).rows as T[];
  }

  async readOne<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T | null> {
    return (await this.read<T>(sql, params))[0] ?? null;
  }

  /** a statement that writes or locks: in the transaction, begun here if need be */
  async rows<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    await this.begin();
    return (await this.send(sql, params)).rows as T[];
  }

  async one<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T | null> {
    return (await this.rows<T>(sql, params))[0] ?? null;
  }

  async exec(sql: string, params: readonly unknown[] = []): Promise<number> {
    await this.begin();
    return (await this.send(sql, params)).rowCount;
  }

  /** statements that must all take effect or none: a lone one outside a transaction runs as it is */
  async atomically(statements: readonly Statement[]): Promise<StatementResult[]> {
    if (statements.length === 1 && !this.begun) {
      this.assertOpen();
      const result = await this.send(statements[0]!.sql, statements[0]!.params);
      this.committedAlone = true;
      return [result];
    }
    const results: StatementResult[] = [];
    for (const statement of statements) {
      await this.begin();
      results.push(await this.send(statement.sql, statement.params));
    }
    return results;
  }

  /** commits what was written in the transaction, if one began */
  async finish(): Promise<void> {
    if (!this.begun) return;
    this.begun = false;
    await this.send('COMMIT', []);
  }

  async abort(): Promise<void> {
    if (!this.begun) return;
    this.begun = false;
    await this.send('ROLLBACK', []);
  }

  private async begin(): Promise<void> {
    this.assertOpen();
    if (this.begun) return;
    await this.send('BEGIN', []);
    this.begun = true;
  }

  private assertOpen(): void {
    if (this.committedAlone) throw new Error('Expected no write after the statement that committed the unit of work, but there is one');
  }

  private send(text: string, params: readonly unknown[]): Promise<StatementResult> {
    return sendStatement(this.client, this.prepare ? this.names : null, text, params);
  }
}

/**
 * One statement on a pg client or pool: named when `names` is given and it has parameters (see
 * PreparedNames), and its error as TypeORM's QueryFailedError, as through TypeORM.
 */
export async function sendStatement(client: DriverClient, names: PreparedNames | null, text: string, params: readonly unknown[]): Promise<StatementResult> {
  const values = params as unknown[];
  const name = names && values.length > 0 ? names.nameOf(text) : undefined;
  try {
    const result = name ? await client.query({ name, text, values }) : await client.query(text, values);
    return { rows: (result.rows ?? []) as Record<string, unknown>[], rowCount: result.rowCount ?? 0 };
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

/** named (prepared) statements on PostgreSQL; PGlite's single session (its driver also says 'postgres') gains nothing from them */
export function preparesStatements(dataSource: DataSource): boolean {
  return !((dataSource.driver as unknown as { master?: unknown }).master instanceof PgliteExclusivePool);
}

/** PostgreSQL error codes that mean: another transaction won, try again on fresh state */
export function isRetryableConflict(error: unknown): boolean {
  const code = sqlStateOf(error);
  return code === '23505' || code === '40001' || code === '40P01';
}

/** the SQLSTATE of a driver error, directly or wrapped in TypeORM's QueryFailedError */
export function sqlStateOf(error: unknown): string | undefined {
  return (error as { driverError?: { code?: string }; code?: string })?.driverError?.code ?? (error as { code?: string })?.code;
}

/** SQLSTATE classes and codes that mean the database, not the statement, failed: the server went away or refuses connections */
const UNAVAILABLE_SQLSTATES = /^(08...|57P01|57P02|57P03|53300)$/;
const UNAVAILABLE_SOCKET_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
/** what pg says when a connection dies or cannot be had, without a code */
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|connection timeout|Client has encountered a connection error|Connection is closed|terminating connection/i;

/**
 * The database cannot be reached right now (restarted, connections terminated, refusing): a request
 * that meets this is answered 503 and may be retried, not 500; the pool connects again by itself.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = sqlStateOf(error);
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
  return [error, (error as { driverError?: unknown })?.driverError].some((candidate) => {
    const message = (candidate as { message?: unknown } | null | undefined)?.message;
    return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
  });
}
