import { setFlagsFromString } from 'node:v8';

/**
 * Imported first by main.ts, so that it applies before the service's code creates its allocation
 * sites: turns off V8's allocation-site pretenuring, unless the process was started with a choice
 * of its own (`node --allocation-site-pretenuring dist/app/main.js`; NODE_OPTIONS cannot carry it).
 *
 * Why: with many requests in flight across scavenges, V8 sees most objects of the request path's
 * allocation sites (SQL parts, audit rows, headers) survive, and from then on allocates them
 * straight in the old generation. Each still dies within milliseconds, but in old space, which
 * then fills at ~20 KB per round trip and takes a mark-compact every few seconds; the round trips
 * around each are held up by 50–100 ms, and those clusters made the open loop's p99 (bench/README.md,
 * *Stop 29*). The service keeps few long-lived objects, so it loses nothing measurable without it.
 */
const FLAG = 'allocation-site-pretenuring';

function pretenuringChosenAtStart(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => arg.endsWith(FLAG));
}

if (!pretenuringChosenAtStart(process.execArgv)) setFlagsFromString(`--no-${FLAG}`);
