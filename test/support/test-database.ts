import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase, type DatabaseKind, type DatabaseSettings, type OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { migrations } from '../../migrations/index.js';
import { seedPgliteDataDir } from './pglite-template.js';

export interface TestDatabase {
  readonly kind: DatabaseKind;
  readonly dataSource: DataSource;
  readonly url: string | null;
  close(): Promise<void>;
}

export interface EmbeddedTestDatabase extends TestDatabase {
  /** what the CRM's and the engine's database services take */
  readonly opened: OpenedDatabase;
}

/** an empty database on the PostgreSQL server of a base URL, dropped again by `drop()` */
export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

let announced = false;

/**
 * The PostgreSQL server the integration specs use (DATABASE_URL), or null for embedded PGlite.
 * With CI=true a missing DATABASE_URL fails: CI must test against the real database.
 */
export function testDatabaseBaseUrl(): string | null {
  const baseUrl = process.env['DATABASE_URL'];
  if (!baseUrl && isCi()) throw new Error('CI=true but DATABASE_URL is not set: integration tests must run against PostgreSQL');
  if (!announced) {
    announced = true;
    process.stdout.write(baseUrl ? `integration tests: PostgreSQL at ${new URL(baseUrl).host}\n` : 'integration tests: embedded PGlite (DATABASE_URL not set)\n');
  }
  return baseUrl || null;
}

/** Creates a new, empty database on the server of `baseUrl` (not migrated: the app migrates at start). */
export async function createScratchDatabase(baseUrl: string): Promise<ScratchDatabase> {
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await admin(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A fresh, migrated database for one spec file: a new database on the PostgreSQL server of
 * DATABASE_URL, or an embedded PGlite without it. With CI=true a missing DATABASE_URL fails.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const baseUrl = testDatabaseBaseUrl();
  if (!baseUrl) return openEmbeddedTestDatabase();
  const scratch = await createScratchDatabase(baseUrl);
  const opened = await openDatabase({ url: scratch.url, migrations, poolSize: 8 });
  await opened.dataSource.runMigrations({ transaction: 'each' });
  return {
    kind: opened.kind,
    dataSource: opened.dataSource,
    url: scratch.url,
    close: async () => {
      await opened.dataSource.destroy();
      await scratch.drop();
    },
  };
}

/**
 * A fresh, migrated embedded PGlite whatever DATABASE_URL says: a copy of the migrated template
 * (test/support/pglite-template.ts) in a temporary folder, removed again by close().
 */
export async function openEmbeddedTestDatabase(entities?: DatabaseSettings['entities']): Promise<EmbeddedTestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bpmn-test-db-'));
  try {
    await seedPgliteDataDir(dataDir);
    const opened = await openDatabase({ dataDir, migrations, entities });
    // nothing to do on the template; kept so that a database is migrated whatever it was copied from
    await opened.dataSource.runMigrations({ transaction: 'each' });
    return {
      kind: opened.kind,
      dataSource: opened.dataSource,
      url: null,
      opened,
      close: async () => {
        await opened.dataSource.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export function isCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && !['', '0', 'false', 'no'].includes(ci.toLowerCase());
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
