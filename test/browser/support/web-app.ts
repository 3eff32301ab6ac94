import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startTestApp } from '../../support/test-app.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Builds designer/dist with Vite when its inputs changed since the last complete build
 * (scripts/build-changed.mjs: a content stamp, and a lock folder so that one of the spec files
 * running in parallel builds while the others wait).
 */
export function ensureWebAppBuilt(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-changed.mjs'), 'web-app'], { cwd: ROOT, stdio: 'inherit' });
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
