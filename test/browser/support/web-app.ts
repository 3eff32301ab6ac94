import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startTestApp } from '../../support/test-app.js';

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
  const sources = Math.max(newestSource(join(DESIGNER, 'src')), newestSource(join(DESIGNER, 'public')), statSync(join(DESIGNER, 'index.html')).mtimeMs);
  return existsSync(BUILT) && statSync(BUILT).mtimeMs >= sources;
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds designer/dist with Vite when it is missing or older than designer/src or designer/public. Spec files run in
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
  /** `Authorization: Basic` of the test app's admin, for the specs' setup calls */
  readonly adminAuth: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** The real service with the built web app and the demo users: PostgreSQL (+ Redis) from the environment, else PGlite in a temp folder. */
export async function startWebApp(): Promise<WebApp> {
  // the CRM's demo users and records, on PostgreSQL too: the login page lists them
  const app = await startTestApp({ env: { SEED_DEMO: 'true' } });
  return { url: app.url, app: app.nest, adminAuth: app.adminAuth, close: () => app.close() };
}
