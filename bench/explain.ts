import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { onServer } from './scratch-database.js';

/**
 * EXPLAIN (ANALYZE, BUFFERS) of exactly the statements the service runs, with their real
 * parameters: auto_explain for the scratch database only (sessions opened after `enable`), read
 * back from PostgreSQL's log (BENCH_PG_LOG, default the Debian cluster's log file).
 */
export const PG_LOG = process.env['BENCH_PG_LOG'] ?? '/var/log/postgresql/postgresql-15-main.log';

export async function enableAutoExplain(database: string): Promise<void> {
  await onServer(`ALTER DATABASE ${database} SET session_preload_libraries = 'auto_explain'`);
  await onServer(`ALTER DATABASE ${database} SET auto_explain.log_min_duration = 0`);
  await onServer(`ALTER DATABASE ${database} SET auto_explain.log_analyze = on`);
  await onServer(`ALTER DATABASE ${database} SET auto_explain.log_buffers = on`);
}

export async function disableAutoExplain(database: string): Promise<void> {
  await onServer(`ALTER DATABASE ${database} RESET ALL`);
}

/** null when the log can be read, else why not */
export function unreadableLog(): string | null {
  try {
    accessSync(PG_LOG, constants.R_OK);
    return null;
  } catch (error) {
    return `Expected PostgreSQL's log at ${PG_LOG} (BENCH_PG_LOG) to be readable, but ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function logOffset(): number {
  return statSync(PG_LOG).size;
}

export interface Plan {
  readonly query: string;
  readonly plan: string;
}

/** the plans logged for `database` between two offsets of the log */
export function plansSince(database: string, from: number, to = logOffset()): Plan[] {
  const length = Math.max(0, to - from);
  const buffer = Buffer.alloc(length);
  const fd = openSync(PG_LOG, 'r');
  try {
    readSync(fd, buffer, 0, length, from);
  } finally {
    closeSync(fd);
  }
  const entries = buffer.toString('utf8').split(/\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/);
  const plans: Plan[] = [];
  for (const entry of entries) {
    if (!entry.includes(`@${database} LOG:  duration:`) || !entry.includes('plan:')) continue;
    const lines = entry.split('\n').slice(1).map((l) => l.replace(/^\t/, ''));
    const textEnd = lines.findIndex((l) => /\(cost=\d/.test(l));
    const queryLines = textEnd > 0 ? lines.slice(0, textEnd) : lines.slice(0, 1);
    plans.push({
      query: queryLines.join('\n').replace(/^Query Text: /, '').trim(),
      plan: (textEnd > 0 ? lines.slice(textEnd) : lines.slice(1)).join('\n').trimEnd(),
    });
  }
  return plans;
}
