#!/usr/bin/env node
// @ts-check
/**
 * `npm start`: compile the server if it changed, then run it in this process while the web app
 * builds beside it (only when its inputs changed, see build-changed.mjs). The service answers
 * /health and the APIs without waiting for Vite; until the web app is built, its pages answer
 * "being built" (app/create-app.ts). Build messages go to stderr: stdout is the service's JSON log.
 */
import { buildServer, buildWebApp } from './build-changed.mjs';

const webApp = buildWebApp({ out: process.stderr }).then(
  () => null,
  (/** @type {unknown} */ error) => error,
);

try {
  await buildServer(process.stderr);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}: not starting\n`);
  process.exit(1);
}

await import('../dist/app/main.js');

const failed = await webApp;
if (failed) {
  process.stderr.write(`[web app] ${failed instanceof Error ? failed.message : String(failed)}; the service runs without the web app (fix it and restart, or run npm run build:designer)\n`);
}
