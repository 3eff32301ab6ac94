import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, createServer, request, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';

/**
 * npm run bench:http: the CPU a trivial GET costs the server, per request, under plain node:http,
 * Express alone, and the service's real pipeline (security headers, body limits, hostile input,
 * request log, the guards, the audit interceptor, the Camunda content type) for
 * GET /engine-rest/version with HTTP Basic. Each server runs in its own process; the figure is
 * that process's user + system CPU (process.cpuUsage) over the measured requests, which a busy
 * machine disturbs far less than wall time. BENCH_HTTP_REQUESTS (20000), BENCH_HTTP_CONCURRENCY
 * (16); BENCH_HTTP_ONLY=service runs only the scenarios of that server (node-http, express,
 * service); BENCH_HTTP_CPU_PROF=dir writes a V8 CPU profile of each service run's measured requests
 * there (read it with cpu-profile-top.js). The service's own background work (job reconciling) is
 * measured while it is idle and taken off. BENCH_HTTP_BASELINE=<another build's
 * dist/bench/http-overhead.js> runs that build's server beside this one, both loaded at once, so
 * that a busy machine weighs on both alike: before/after figures of a change.
 */

const REQUESTS = Number(process.env['BENCH_HTTP_REQUESTS'] ?? 20000);
const CONCURRENCY = Number(process.env['BENCH_HTTP_CONCURRENCY'] ?? 16);
const WARM_UP = Math.min(5000, REQUESTS);
const PATH = '/engine-rest/version';
const ADMIN = { email: 'bench@example.com', password: 'bench-admin-password' };
const AUTHORIZATION = `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.password}`).toString('base64')}`;

interface Scenario {
  readonly name: string;
  readonly server: 'node-http' | 'express' | 'service';
  readonly env?: Record<string, string>;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'node:http, JSON answer', server: 'node-http' },
  { name: 'Express 5, one JSON route', server: 'express' },
  { name: 'the service, LOG_LEVEL=info (default)', server: 'service', env: { LOG_LEVEL: 'info' } },
  { name: 'the service, LOG_LEVEL=debug (every request logged)', server: 'service', env: { LOG_LEVEL: 'debug' } },
  { name: 'the service, LOG_LEVEL=warn', server: 'service', env: { LOG_LEVEL: 'warn' } },
];

type Message = { kind: 'listening'; port: number } | { kind: 'cpu'; micros: number } | { kind: 'profiled' };

// ---- the server side (a child process) ----

async function serve(kind: Scenario['server']): Promise<void> {
  const server = await serverOf(kind);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const profiler = new Session();
  profiler.connect();
  process.on('message', (message: string) => {
    if (message === 'cpu') {
      const usage = process.cpuUsage();
      process.send!({ kind: 'cpu', micros: usage.user + usage.system } satisfies Message);
    }
    if (message === 'profile:start') void profiler.post('Profiler.enable').then(() => profiler.post('Profiler.start'));
    if (message === 'profile:stop') void stopProfile(profiler);
    if (message === 'stop') server.close(() => process.exit(0));
  });
  process.send!({ kind: 'listening', port } satisfies Message);
}

async function stopProfile(profiler: Session): Promise<void> {
  const { profile } = await profiler.post('Profiler.stop');
  const dir = process.env['BENCH_HTTP_CPU_PROF']!;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${process.env['BENCH_HTTP_SCENARIO'] ?? 'service'}.cpuprofile`), JSON.stringify(profile));
  process.send!({ kind: 'profiled' } satisfies Message);
}

async function serverOf(kind: Scenario['server']): Promise<Server> {
  const body = JSON.stringify({ version: '7.22.0' });
  if (kind === 'node-http') {
    return createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(body);
    });
  }
  if (kind === 'express') {
    const app = express();
    app.get(PATH, (_req, res) => {
      res.json({ version: '7.22.0' });
    });
    return createServer(app);
  }
  const { createApp } = await import('../app/create-app.js');
  const { loadConfig } = await import('../app/config.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const app = await createApp(
    loadConfig({ PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'info', ...process.env }),
  );
  await app.init();
  return app.getHttpServer() as Server;
}

// ---- the client side ----

function get(agent: Agent, port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: PATH, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function closedLoop(port: number, total: number, headers: Record<string, string>): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < total) {
        const status = await get(agent, port, headers);
        if (status !== 200) throw new Error(`Expected 200 from ${PATH}, but got ${status}`);
      }
    }),
  );
  agent.destroy();
}

function nextMessage<K extends Message['kind']>(child: ChildProcess, kind: K): Promise<Extract<Message, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Message) => {
      if (message.kind !== kind) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<Message, { kind: K }>);
    };
    const onExit = (code: number | null) => reject(new Error(`Expected the bench server to answer '${kind}', but it exited with ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function cpuMicros(child: ChildProcess): Promise<number> {
  const reply = nextMessage(child, 'cpu');
  child.send('cpu');
  return (await reply).micros;
}

const IDLE_MS = 5000;

interface Measured {
  readonly cpuMicrosPerRequest: number;
  readonly idleMicrosPerSecond: number;
  readonly perSecond: number;
}

async function measure(scenario: Scenario, index: number, build: string, label: string): Promise<Measured> {
  const profile = scenario.server === 'service' && process.env['BENCH_HTTP_CPU_PROF'] !== undefined;
  const child = fork(build, ['serve', scenario.server], {
    env: { ...process.env, ...scenario.env, BENCH_HTTP_SCENARIO: `${index}-${scenario.server}-${label}` },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const { port } = await nextMessage(child, 'listening');
    const headers: Record<string, string> = scenario.server === 'service' ? { authorization: AUTHORIZATION } : {};
    await closedLoop(port, WARM_UP, headers);
    const idleFrom = await cpuMicros(child);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idleMicrosPerSecond = ((await cpuMicros(child)) - idleFrom) / (IDLE_MS / 1000);
    if (profile) child.send('profile:start');
    const before = await cpuMicros(child);
    const begin = performance.now();
    await closedLoop(port, REQUESTS, headers);
    const seconds = (performance.now() - begin) / 1000;
    const after = await cpuMicros(child);
    if (profile) {
      const written = nextMessage(child, 'profiled');
      child.send('profile:stop');
      await written;
    }
    const busy = after - before - idleMicrosPerSecond * seconds;
    return { cpuMicrosPerRequest: busy / REQUESTS, idleMicrosPerSecond, perSecond: REQUESTS / seconds };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('stop');
    await exited;
  }
}

async function main(): Promise<void> {
  console.log(`HTTP overhead: GET ${PATH}, ${REQUESTS} requests after ${WARM_UP} to warm up, ${CONCURRENCY} concurrent keep-alive connections`);
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at start; node ${process.version}`);
  const only = process.env['BENCH_HTTP_ONLY'];
  const baseline = process.env['BENCH_HTTP_BASELINE'];
  const thisBuild = fileURLToPath(import.meta.url);
  if (baseline) console.log(`paired with the baseline ${baseline}: both servers loaded at the same time`);
  for (const [index, scenario] of SCENARIOS.entries()) {
    if (only !== undefined && scenario.server !== only) continue;
    const builds = baseline ? [['baseline', baseline], ['this build', thisBuild]] : [['', thisBuild]];
    const results = await Promise.all(builds.map(([label, build]) => measure(scenario, index, build!, label ? label.replace(' ', '-') : 'run')));
    results.forEach(({ cpuMicrosPerRequest, idleMicrosPerSecond, perSecond }, i) => {
      const idle = `idle ${(idleMicrosPerSecond / 1000).toFixed(1)} ms CPU/s taken off`;
      const name = builds[i]![0] ? `${scenario.name}, ${builds[i]![0]}` : scenario.name;
      console.log(`  ${name.padEnd(64)} ${cpuMicrosPerRequest.toFixed(1).padStart(7)} µs CPU/request  (${perSecond.toFixed(0)} requests/s wall, ${idle})`);
    });
  }
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`);
}

if (process.argv[2] === 'serve') await serve(process.argv[3] as Scenario['server']);
else await main();
