import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../../app/config.js';
import { createApp } from '../../app/create-app.js';
import { seedPgliteDataDir } from './pglite-template.js';
import { RestClient } from './rest-client.js';
import { createScratchDatabase, testDatabaseBaseUrl, type ScratchDatabase } from './test-database.js';

export interface TestAppOptions {
  /**
   * Run on the embedded PGlite in this folder whatever DATABASE_URL says, and keep the folder
   * (restart specs start a second app on it). Without it: a fresh database on DATABASE_URL's
   * server, or PGlite in a temporary folder removed on close.
   */
  readonly embeddedDataDir?: string;
  /** extra environment, e.g. DEPLOYMENT_MAX_BYTES */
  readonly env?: Readonly<Record<string, string>>;
  /** the addresses the app is given for PostgreSQL and Redis (e.g. through a TcpProxy a spec can cut) */
  readonly backendUrls?: { readonly database?: (url: string) => string; readonly redis?: (url: string) => string };
  /** controllers added to the application (the route-rule spec adds one without a rule) */
  readonly extraControllers?: readonly (new (...args: never[]) => object)[];
  /** where the app's log lines go instead of stdout (with env LOG_LEVEL: 'info' for the request log) */
  readonly logStream?: DestinationStream;
}

export interface TestApp {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** the Camunda REST base: `${url}/engine-rest` */
  readonly rest: string;
  readonly databaseKind: 'postgres' | 'pglite';
  /** the first admin (ADMIN_EMAIL / ADMIN_PASSWORD), created at start */
  readonly admin: { readonly email: string; readonly password: string };
  /** `Authorization: Basic` of the admin, for clients of the spec */
  readonly adminAuth: Readonly<Record<string, string>>;
  /** the Nest application itself, for specs that inspect it */
  readonly nest: NestExpressApplication;
  /** graceful shutdown (as on SIGTERM), then the spec's database, data folder and queue keys go away */
  close(): Promise<void>;
}

/**
 * Starts the real service for a spec file, configured as main.ts would be from the environment:
 * PostgreSQL (+ Redis/BullMQ) when DATABASE_URL (+ REDIS_URL) are set, else embedded PGlite and
 * the in-process dispatcher. Each call gets its own database and queue prefix.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const baseUrl = options.embeddedDataDir === undefined ? testDatabaseBaseUrl() : null;
  const scratch: ScratchDatabase | null = baseUrl ? await createScratchDatabase(baseUrl) : null;
  const tempDir = options.embeddedDataDir === undefined ? mkdtempSync(join(tmpdir(), 'bpmn-e2e-')) : null;
  const queuePrefix = `e2e-${randomUUID().slice(0, 8)}`;
  const redisUrl = process.env['REDIS_URL'] || undefined;
  const admin = { email: 'admin@e2e.test', password: TEST_ADMIN_PASSWORD };
  const cleanUp = async () => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    await scratch?.drop();
    if (redisUrl && scratch) await deleteQueueKeys(redisUrl, queuePrefix);
  };
  try {
    // embedded: start from a copy of the migrated PGlite template instead of an empty folder
    if (!scratch) await seedPgliteDataDir(options.embeddedDataDir ?? tempDir!);
    const config = loadConfig({
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: scratch && options.backendUrls?.database ? options.backendUrls.database(scratch.url) : scratch?.url,
      DATA_DIR: options.embeddedDataDir ?? tempDir!,
      // the embedded mode runs jobs in-process: Redis is only used with PostgreSQL
      REDIS_URL: scratch && redisUrl ? (options.backendUrls?.redis?.(redisUrl) ?? redisUrl) : undefined,
      QUEUE_PREFIX: queuePrefix,
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      // as on PostgreSQL: the embedded first start would seed the demo data (and run its processes)
      SEED_DEMO: 'false',
      ...options.env,
    });
    const app = await createApp(config, { extraControllers: options.extraControllers ?? [], logStream: options.logStream });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    if (typeof address !== 'object' || address === null) throw new Error('Expected the app to listen on a TCP port');
    const url = `http://127.0.0.1:${address.port}`;
    let closed = false;
    return {
      url,
      rest: `${url}/engine-rest`,
      databaseKind: scratch ? 'postgres' : 'pglite',
      admin,
      adminAuth: basicAuth(admin.email, admin.password),
      nest: app,
      close: async () => {
        if (closed) return;
        closed = true;
        await app.close();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

export const TEST_ADMIN_PASSWORD = 'e2e-admin-password';
/** every user the specs create signs in with this password */
export const TEST_USER_PASSWORD = 'e2e-user-password';

export function basicAuth(login: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}` };
}

/** BullMQ keeps its queues under `<prefix>:`; a spec's prefix is unique, so all of it can go */
async function deleteQueueKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * The service for one spec file, started before its tests and closed after them, as a client of its
 * Camunda REST API signed in as the first admin. Call it in the spec's `describe`; use the client in tests.
 */
export function restApiForSpec(options: TestAppOptions = {}): RestClient {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp(options);
  });
  afterAll(() => app?.close());
  const started = (): TestApp => {
    if (!app) throw new Error('Expected the spec’s app to have started (restApiForSpec is read in a test, not while the spec is defined)');
    return app;
  };
  return new RestClient(() => started().rest, () => started().adminAuth);
}
