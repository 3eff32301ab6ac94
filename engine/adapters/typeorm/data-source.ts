import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';
import { corkPoolStatementWrites } from './corked-writes.js';
import { pgliteDriver, pgliteParsers } from './pglite-pool.js';

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseSettings {
  /** PostgreSQL connection URL; without it an embedded PGlite database is used. */
  url?: string;
  /** Folder for the embedded database; undefined keeps it in memory (tests). */
  dataDir?: string;
  entities?: MixedList<Function>;
  migrations?: MixedList<Function>;
  poolSize?: number;
}

export interface OpenedDatabase {
  readonly kind: DatabaseKind;
  readonly dataSource: DataSource;
  /** where the data lives, for the start-up log line */
  readonly location: string;
}

// node-postgres returns int8 as a string by default; counts and revisions fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

const common = {
  type: 'postgres',
  synchronize: false,
  migrationsRun: false,
  migrationsTableName: 'schema_migrations',
  migrationsTransactionMode: 'each',
} as const;

/** the folder of the embedded database under DATA_DIR */
export function embeddedDatabaseFolder(dataDir: string): string {
  return resolve(dataDir, 'pglite');
}

export async function openDatabase(settings: DatabaseSettings): Promise<OpenedDatabase> {
  const shared = {
    ...common,
    entities: settings.entities ?? [],
    migrations: settings.migrations ?? [],
  };
  if (settings.url) {
    const options: DataSourceOptions = {
      ...shared,
      url: settings.url,
      // JIT compiles plans costed above 100,000 (a count with per-row index lookups reaches that):
      // seconds of compiling for queries that run in milliseconds, on every call.
      // Connections once opened stay (idleTimeoutMillis 0; pg-pool closed them after 10 s idle): a
      // new backend loads its catalog caches and prepares every statement again, and a burst after a
      // calm spell waited for that (bench/README.md, Stop 24). allowExitOnIdle: idle connections keep
      // no script alive that forgot to close the data source.
      extra: { max: settings.poolSize ?? 10, idleTimeoutMillis: 0, allowExitOnIdle: true, options: '-c jit=off' },
    };
    const dataSource = await new DataSource(options).initialize();
    corkPoolStatementWrites((dataSource.driver as unknown as { master: Parameters<typeof corkPoolStatementWrites>[0] }).master);
    return { kind: 'postgres', dataSource, location: redactUrl(settings.url) };
  }
  let location = 'memory';
  if (settings.dataDir) {
    location = embeddedDatabaseFolder(settings.dataDir);
    mkdirSync(location, { recursive: true });
  }
  // pg_trgm: the CRM's duplicate finder compares names by trigrams (its migration creates the extension)
  const db = await PGlite.create({ dataDir: settings.dataDir ? location : undefined, parsers: pgliteParsers, extensions: { pg_trgm } });
  const options: DataSourceOptions = { ...shared, driver: pgliteDriver(db) };
  const dataSource = await new DataSource(options).initialize();
  return { kind: 'pglite', dataSource, location };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}
