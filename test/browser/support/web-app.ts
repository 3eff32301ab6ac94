import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '../../../app/config.js';
import { createApp } from '../../../app/create-app.js';
import { createScratchDatabase, testDatabaseBaseUrl, type ScratchDatabase } from '../../support/test-database.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DESIGNER = join(ROOT, 'designer');
const BUILT = join(DESIGNER, 'dist', 'index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const sources = Math.max(newestSource(join(DESIGNER, 'src')), statSync(join(DESIGNER, 'index.html')).mtimeMs);
  return existsSync(BUILT) && statSync(BUILT).mtimeMs >= sources;
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds designer/dist with Vite when it is missing or older than designer/src. Spec files run in
 * parallel workers: a lock folder lets one build while the others wait for it.
 */
export function ensureWebAppBuilt(): void {
  if (isFresh()) return;
  const lock = join(DESIGNER, '.build-lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Expected the web app build to finish within 180 s, but ${lock} is still there`);
      pause(500);
    }
  }
  try {
    if (isFresh()) return;
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(DESIGNER, 'vite.config.ts'), '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface WebApp {
  readonly url: string;
  readonly app: NestExpressApplication;
  close(): Promise<void>;
}

/** The real service with the built web app: PostgreSQL (+ Redis) from the environment, else PGlite in a temp folder. */
export async function startWebApp(): Promise<WebApp> {
  const baseUrl = testDatabaseBaseUrl();
  const scratch: ScratchDatabase | null = baseUrl ? await createScratchDatabase(baseUrl) : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'bpmn-browser-'));
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: scratch?.url,
    DATA_DIR: dataDir,
    REDIS_URL: scratch ? process.env['REDIS_URL'] : undefined,
    QUEUE_PREFIX: `browser-${Math.random().toString(36).slice(2, 10)}`,
    // the CRM's demo users and records, on PostgreSQL too: the login page lists them
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('Expected the app to listen on a TCP port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      await scratch?.drop();
    },
  };
}
