import type { QueryRunner } from 'typeorm';

/** Raw SQL on one connection (inside one transaction): rows back, or the affected row count. */
export class Sql {
  constructor(private readonly runner: QueryRunner) {}

  async rows<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.runner.query(sql, params as unknown[], true);
    return (result.records ?? []) as T[];
  }

  async one<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T | null> {
    return (await this.rows<T>(sql, params))[0] ?? null;
  }

  async exec(sql: string, params: readonly unknown[] = []): Promise<number> {
    const result = await this.runner.query(sql, params as unknown[], true);
    return result.affected ?? 0;
  }
}

/** PostgreSQL error codes that mean: another transaction won, try again on fresh state */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string }; code?: string })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === '23505' || code === '40001' || code === '40P01';
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
  for (const candidate of [error, (error as { driverError?: unknown })?.driverError]) {
    if (!candidate || typeof candidate !== 'object') continue;
    const code = (candidate as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
    const message = (candidate as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  }
  return false;
}
