#!/usr/bin/env node
// @ts-check
/**
 * Builds what changed, for `npm start` (and the browser specs):
 *
 * - the server: `tsc -b tsconfig.build.json`, incremental (dist/tsconfig.build.tsbuildinfo), so a
 *   changed file recompiles only what it affects; when no input is newer than the time the last
 *   successful compile started (dist/.build-stamp), not even tsc is loaded;
 * - the web app: `vite build` only when a content hash of its inputs (designer sources, public
 *   files, index.html, Vite and TypeScript config, package-lock.json) differs from the stamp the
 *   last complete build left in designer/dist/.build-stamp. The stamp is removed before a build
 *   starts and written after it succeeded, so a build cut short is never taken for complete; a
 *   lock folder (designer/.build-lock) lets one process build while others wait.
 *
 * Both run at once. Usage: node scripts/build-changed.mjs [server|web-app] [--force]
 * (scripts/start.mjs uses the same two builds, but starts the service before the web app is done).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DESIGNER = join(ROOT, 'designer');
const WEB_APP_DIST = join(DESIGNER, 'dist');
const STAMP = join(WEB_APP_DIST, '.build-stamp');
/** app/create-app.ts answers "being built" while this folder exists */
const LOCK = join(DESIGNER, '.build-lock');
const SERVER_ENTRY = join(ROOT, 'dist', 'app', 'main.js');
const SERVER_BUILD_INFO = join(ROOT, 'dist', 'tsconfig.build.tsbuildinfo');
const SERVER_STAMP = join(ROOT, 'dist', '.build-stamp');
/** tsconfig.build.json's sources (specs and testing helpers are not compiled), its configs, and the dependencies */
const SERVER_INPUTS = ['app', 'engine', 'crm-domain', 'migrations', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const WEB_APP_INPUTS = ['designer/index.html', 'designer/src', 'designer/public', 'designer/vite.config.ts', 'designer/tsconfig.json', 'package-lock.json'];
const LOCK_WAIT_MS = 10 * 60 * 1000;

/** @param {string} path @returns {string[]} every file under path (or path itself), sorted */
function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}

/** what the web app is built from: names and contents */
function webAppInputsHash() {
  const hash = createHash('sha256');
  for (const file of WEB_APP_INPUTS.flatMap((input) => filesUnder(join(ROOT, input)))) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function webAppIsCurrent(/** @type {string} */ inputs) {
  return existsSync(join(WEB_APP_DIST, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === inputs;
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** @param {string} name a file in the lock folder @returns {number | null} the pid it holds */
function pidIn(name) {
  try {
    const pid = Number(readFileSync(join(LOCK, name), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * A lock is taken over once the process that took it is gone and so is its Vite (a Vite left
 * running by a killed owner finishes first, so that two builds never write designer/dist at once);
 * a lock without an owner (just being taken, or left by an older script) once it aged a minute.
 */
function lockIsStale() {
  const owner = pidIn('owner');
  if (owner === null) return existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 60_000;
  const builder = pidIn('builder');
  return !isAlive(owner) && (builder === null || !isAlive(builder));
}

async function takeLock(/** @type {NodeJS.WritableStream} */ out) {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(LOCK);
      holdingLock = true;
      writeFileSync(join(LOCK, 'owner'), String(process.pid));
      return;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
    }
    if (lockIsStale()) {
      rmSync(LOCK, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another web app build still holds ${relative(ROOT, LOCK)} after ${LOCK_WAIT_MS / 1000} s`);
    if (!announced) out.write('[web app] waiting for another build to finish\n');
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** builds still running when this process ends (the service stopped, a failed compile, a signal) end with it */
const running = new Set();
let holdingLock = false;
process.on('exit', () => {
  for (const child of running) child.kill('SIGTERM');
  if (holdingLock) rmSync(LOCK, { recursive: true, force: true });
});
for (const [signal, number] of /** @type {const} */ ([['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]])) {
  process.on(signal, () => {
    // the service (dist/app/main.js) listens too once started, and shuts down gracefully itself
    if (process.listenerCount(signal) === 1) process.exit(128 + number);
    for (const child of running) child.kill('SIGTERM');
  });
}

/**
 * @param {string} label
 * @param {string[]} args node arguments
 * @param {NodeJS.WritableStream} out where the build's own output goes, each line marked with the label
 * @param {(pid: number) => void} [started] told the child's pid
 * @returns {Promise<void>}
 */
function run(label, args, out, started) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    if (child.pid !== undefined) started?.(child.pid);
    const marked = (/** @type {Buffer} */ chunk) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') out.write(`[${label}] ${line}\n`);
    };
    child.stdout.on('data', marked);
    child.stderr.on('data', marked);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${label} build failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

const seconds = (/** @type {number} */ since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const isCompiledSource = (/** @type {string} */ file) => !/\.spec\.ts$|\/testing\//.test(file);

/** nothing the server is compiled from changed since the last successful compile started */
function serverIsCurrent() {
  if (!existsSync(SERVER_ENTRY) || !existsSync(SERVER_STAMP)) return false;
  const built = statSync(SERVER_STAMP).mtimeMs;
  return SERVER_INPUTS.flatMap((input) => filesUnder(join(ROOT, input)))
    .filter(isCompiledSource)
    .every((file) => statSync(file).mtimeMs <= built);
}

/**
 * The server, compiled incrementally to dist/.
 * @param {NodeJS.WritableStream} out where progress goes
 */
export async function buildServer(out = process.stdout) {
  const started = Date.now();
  if (serverIsCurrent()) {
    out.write(`[server] up to date (${seconds(started)})\n`);
    return;
  }
  // outputs removed by hand while the build info stayed: tsc -b would call that up to date
  if (!existsSync(SERVER_ENTRY)) rmSync(SERVER_BUILD_INFO, { force: true });
  rmSync(SERVER_STAMP, { force: true });
  await run('server', [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], out);
  // dated when the compile started: a file saved while tsc ran is newer, so the next start compiles again
  writeFileSync(SERVER_STAMP, '');
  utimesSync(SERVER_STAMP, new Date(started), new Date(started));
  out.write(`[server] compiled (${seconds(started)})\n`);
}

/**
 * The web app in designer/dist, when its inputs changed since the last complete build (or always, with force).
 * @param {{ force?: boolean, out?: NodeJS.WritableStream }} options
 */
export async function buildWebApp({ force = false, out = process.stdout } = {}) {
  const started = Date.now();
  if (!force && webAppIsCurrent(webAppInputsHash())) {
    out.write(`[web app] up to date (${seconds(started)})\n`);
    return;
  }
  await takeLock(out);
  try {
    // hashed under the lock: another process may just have built these very inputs
    const inputs = webAppInputsHash();
    if (!force && webAppIsCurrent(inputs)) {
      out.write(`[web app] built meanwhile by another process (${seconds(started)})\n`);
      return;
    }
    rmSync(STAMP, { force: true });
    out.write('[web app] building designer/dist with Vite\n');
    const vite = [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(DESIGNER, 'vite.config.ts'), '--logLevel', 'warn'];
    await run('web app', vite, out, (pid) => writeFileSync(join(LOCK, 'builder'), String(pid)));
    writeFileSync(`${STAMP}.tmp`, `${inputs}\n`);
    renameSync(`${STAMP}.tmp`, STAMP);
    out.write(`[web app] built (${seconds(started)})\n`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
    holdingLock = false;
  }
}

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const only = args.find((arg) => !arg.startsWith('--'));
  if (only !== undefined && only !== 'server' && only !== 'web-app') {
    console.error(`Unknown target '${only}': expected server or web-app`);
    process.exit(2);
  }
  const builds = [];
  if (only !== 'web-app') builds.push(buildServer());
  if (only !== 'server') builds.push(buildWebApp({ force }));
  const failures = (await Promise.allSettled(builds)).flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  for (const failure of failures) console.error(failure instanceof Error ? failure.message : String(failure));
  process.exit(failures.length > 0 ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
