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
