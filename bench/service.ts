import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';

const here = dirname(fileURLToPath(import.meta.url));
/**
 * dist/ of the service to run: this worktree's (this file runs as dist/bench/service.js, or from
 * its source under jest: then dist/ beside bench/), or another build's (BENCH_SERVICE_DIST, e.g.
 * an earlier commit's, for a before/after in the same run)
 */
const ownDist = existsSync(join(here, 'service.ts')) ? join(here, '..', 'dist') : join(here, '..');
const distRoot = process.env['BENCH_SERVICE_DIST'] ?? ownDist;
export const BENCH_ADMIN = { email: 'bench@example.com', password: 'bench-admin-password' };
export const AUTH_HEADER = `Basic ${Buffer.from(`${BENCH_ADMIN.email}:${BENCH_ADMIN.password}`).toString('base64')}`;

export type Backend = 'postgres' | 'pglite';

export interface MemoryUsage {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
}

/**
 * The service as its own process, as `npm start` runs it (node on dist/app/main.js), on a scratch
 * PostgreSQL database + Redis or on embedded PGlite in a temporary folder (no DATABASE_URL).
 * Request logging stays at BENCH_LOG_LEVEL (warn): the figures are for the engine, not for pino.
 */
export class ServiceProcess {
  private constructor(
    readonly backend: Backend,
    readonly base: string,
    readonly database: ScratchDatabase | null,
    private readonly child: ChildProcess,
    private readonly dataDir: string,
    private readonly memoryFile: string,
    readonly logFile: string,
  ) {}

  get rest(): string {
    return `${this.base}/engine-rest`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(backend: Backend, options: { readonly database?: ScratchDatabase; readonly env?: Record<string, string> } = {}): Promise<ServiceProcess> {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-service-'));
    const database = backend === 'postgres' ? (options.database ?? (await createScratchDatabase('service'))) : null;
    const port = await freePort();
    const memoryFile = join(dataDir, 'memory.json');
    const logFile = join(dataDir, 'service.log');
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(dataDir, 'data'),
      LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn',
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      SEED_DEMO: 'false',
      BENCH_MEMORY_FILE: memoryFile,
      // the engine's history level is the service's own setting: passed on when the bench is given one
      ...(process.env['HISTORY_LEVEL'] ? { HISTORY_LEVEL: process.env['HISTORY_LEVEL'] } : {}),
      ...(database
        ? { DATABASE_URL: database.url, REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: database.name }
        : {}),
      ...serviceEnv(process.env['BENCH_SERVICE_ENV']),
      ...options.env,
    };
    const log = createWriteStream(logFile);
    // BENCH_SERVICE_CPU_PROF=<dir>: a V8 CPU profile of the service, written when it stops
    const profile = process.env['BENCH_SERVICE_CPU_PROF'] ? ['--cpu-prof', '--cpu-prof-dir', process.env['BENCH_SERVICE_CPU_PROF']] : [];
    // BENCH_SERVICE_NODE_FLAGS='--max-semi-space-size=64 …': V8 and Node flags for the service, to compare settings
    const nodeFlags = (process.env['BENCH_SERVICE_NODE_FLAGS'] ?? '').split(/\s+/).filter(Boolean);
    const child = spawn(process.execPath, [...nodeFlags, ...profile, '--expose-gc', '--import', join(ownDist, 'bench', 'memory-probe.js'), join(distRoot, 'app', 'main.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const service = new ServiceProcess(backend, `http://127.0.0.1:${port}`, database, child, dataDir, memoryFile, logFile);
    await service.waitUntilHealthy();
    return service;
  }

  private async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the service exited with ${this.child.exitCode}:\n${tail(this.logFile)}`);
      try {
        const res = await fetch(`${this.base}/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`the service did not answer /health within 180 s:\n${tail(this.logFile)}`);
  }

  /** after a full garbage collection in the service (see memory-probe.ts) */
  async memory(): Promise<MemoryUsage> {
    rmSync(this.memoryFile, { force: true });
    this.child.kill('SIGUSR2');
    for (let i = 0; i < 200 && !existsSync(this.memoryFile); i++) await sleep(50);
    await sleep(50);
    return JSON.parse(readFileSync(this.memoryFile, 'utf8')) as MemoryUsage;
  }

  /** the worker id the service locks job rows with (app.module.ts: host name and process id) */
  get workerId(): string {
    return `${hostname()}:${this.pid}`;
  }

  /** SIGKILL, as a crash or an OOM kill: no shutdown hook runs; resolves once the process is gone */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** stops the service; the scratch database stays for the caller to drop (or restart on) */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      // SIGKILL after 30 s; the timer is cleared once it exited (a pending one would keep a jest worker alive)
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    // BENCH_SERVICE_LOG_DIR=<dir>: the service's output (its log, --trace-gc lines) is kept there
    const keepLogIn = process.env['BENCH_SERVICE_LOG_DIR'];
    if (keepLogIn) {
      mkdirSync(keepLogIn, { recursive: true });
      copyFileSync(this.logFile, join(keepLogIn, `service-${this.pid}.log`));
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `BENCH_SERVICE_ENV="INSTANCE_CACHE_SIZE=0 STATISTICS_COMPACT_MS=60000"`: more settings for the service, for a before/after of one build */
function serviceEnv(spec: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of (spec ?? '').split(/\s+/).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`BENCH_SERVICE_ENV: expected NAME=value, got '${pair}'`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}
