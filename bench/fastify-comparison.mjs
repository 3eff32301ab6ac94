// The CPU a trivial GET costs on Express and on Fastify, alone and under Nest (one controller, no
// guards, no logging): the gain a move to @nestjs/platform-fastify could bring, nothing else.
// Fastify is not a dependency of the service, so this runs from a scratch folder (see bench/README.md):
//   mkdir /tmp/fastify-eval && cd /tmp/fastify-eval && npm init -y && npm pkg set type=module
//   npm install --ignore-scripts @nestjs/platform-fastify@12.5.0 @nestjs/common@12.5.1 @nestjs/core@12.5.1 \
//     @nestjs/platform-express@12.5.1 reflect-metadata@0.2.2 rxjs@7.8.2
//   cp <repo>/bench/fastify-comparison.mjs . && node fastify-comparison.mjs
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 20000);
const CONCURRENCY = Number(process.env.BENCH_HTTP_CONCURRENCY ?? 16);
const WARM_UP = Math.min(5000, REQUESTS);
const PATH = '/engine-rest/version';
const SERVERS = ['node-http', 'express', 'fastify', 'nest-express', 'nest-fastify'];

async function nestApp(adapter) {
  const { Controller, Get, Module } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  class VersionController {
    version() {
      return { version: '7.22.0' };
    }
  }
  Controller('engine-rest')(VersionController);
  Get('version')(VersionController.prototype, 'version', Object.getOwnPropertyDescriptor(VersionController.prototype, 'version'));
  class AppModule {}
  Module({ controllers: [VersionController] })(AppModule);
  const app = adapter ? await NestFactory.create(AppModule, adapter, { logger: false }) : await NestFactory.create(AppModule, { logger: false });
  return app;
}

async function listen(kind) {
  if (kind === 'node-http') {
    const server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ version: '7.22.0' }));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return server.address().port;
  }
  if (kind === 'express') {
    const express = (await import('express')).default;
    const app = express();
    app.get(PATH, (_req, res) => res.json({ version: '7.22.0' }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return server.address().port;
  }
  if (kind === 'fastify') {
    const fastify = (await import('fastify')).default;
    const app = fastify();
    app.get(PATH, async () => ({ version: '7.22.0' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app.server.address().port;
  }
  const adapter = kind === 'nest-fastify' ? new (await import('@nestjs/platform-fastify')).FastifyAdapter() : undefined;
  const app = await nestApp(adapter);
  await app.listen(0, '127.0.0.1');
  return app.getHttpServer().address().port;
}

async function serve(kind) {
  const port = await listen(kind);
  process.on('message', (message) => {
    if (message === 'cpu') {
      const usage = process.cpuUsage();
      process.send({ kind: 'cpu', micros: usage.user + usage.system });
    }
    if (message === 'stop') process.exit(0);
  });
  process.send({ kind: 'listening', port });
}

function get(agent, port) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: PATH, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

async function closedLoop(port, total) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < total) {
        const status = await get(agent, port);
        if (status !== 200) throw new Error(`Expected 200 from ${PATH}, but got ${status}`);
      }
    }),
  );
  agent.destroy();
}

function nextMessage(child, kind) {
  return new Promise((resolve) => {
    const onMessage = (message) => {
      if (message.kind !== kind) return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
  });
}

async function cpuMicros(child) {
  const reply = nextMessage(child, 'cpu');
  child.send('cpu');
  return (await reply).micros;
}

async function measure(kind) {
  const child = fork(fileURLToPath(import.meta.url), ['serve', kind], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const { port } = await nextMessage(child, 'listening');
    await closedLoop(port, WARM_UP);
    const before = await cpuMicros(child);
    const begin = performance.now();
    await closedLoop(port, REQUESTS);
    const seconds = (performance.now() - begin) / 1000;
    const after = await cpuMicros(child);
    return { micros: (after - before) / REQUESTS, perSecond: REQUESTS / seconds };
  } finally {
    child.send('stop');
  }
}

async function main() {
  const rounds = Number(process.env.BENCH_HTTP_ROUNDS ?? 2);
  console.log(`GET ${PATH}, ${REQUESTS} requests after ${WARM_UP}, ${CONCURRENCY} keep-alive connections, ${rounds} rounds`);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; node ${process.version}`);
  const results = new Map(SERVERS.map((kind) => [kind, []]));
  for (let round = 0; round < rounds; round++) for (const kind of SERVERS) results.get(kind).push(await measure(kind));
  for (const [kind, runs] of results) {
    const micros = runs.map((run) => run.micros.toFixed(1)).join(' / ');
    const perSecond = runs.map((run) => run.perSecond.toFixed(0)).join(' / ');
    console.log(`  ${kind.padEnd(14)} ${micros} µs CPU/request  (${perSecond} requests/s wall)`);
  }
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`);
}

if (process.argv[2] === 'serve') await serve(process.argv[3]);
else await main();
