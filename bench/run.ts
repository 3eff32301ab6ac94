import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createApp } from '../app/create-app.js';
import { loadConfig } from '../app/config.js';
import { runOnBpmnEngine } from './bpmn-engine-run.js';
import { describe, pool } from './stats.js';

const TOTAL = Number(process.env['BENCH_INSTANCES'] ?? 2000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const here = dirname(fileURLToPath(import.meta.url));
const xml = readFileSync(join(here, '..', '..', 'bench', 'models', 'lead-routing.bpmn'), 'utf8');

/**
 * npm run bench: the lead-routing model through the REST API (start, route, user task, complete,
 * end) on PostgreSQL + Redis, then the same model on bpmn-engine in process, as a ratio.
 */
/** the clients sign in as the scratch database's first admin, with HTTP Basic (verified once, then cached) */
const BENCH_ADMIN = { email: 'bench@example.com', password: 'bench-admin-password' };
const AUTH = { authorization: `Basic ${Buffer.from(`${BENCH_ADMIN.email}:${BENCH_ADMIN.password}`).toString('base64')}` };

async function main(): Promise<void> {
  const baseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const database = `bench_${Date.now()}`;
  await admin(baseUrl, `CREATE DATABASE ${database}`);
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  const app = await createApp(loadConfig({
    ...process.env, PORT: '0', DATABASE_URL: url.toString(), REDIS_URL: redisUrl, QUEUE_PREFIX: database, LOG_LEVEL: 'error',
    ADMIN_EMAIL: BENCH_ADMIN.email, ADMIN_PASSWORD: BENCH_ADMIN.password,
  }));
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const rest = `http://127.0.0.1:${port}/engine-rest`;
    await deploy(rest);
    const startLatency: number[] = [];
    const completeLatency: number[] = [];
    const begin = performance.now();
    await pool(TOTAL, CONCURRENCY, async (i) => {
      let t = performance.now();
      const started = (await post(`${rest}/process-definition/key/bench_lead_routing/start`, {
        variables: { amount: { value: i % 2 === 0 ? 250000 : 5000, type: 'Integer' } },
      })) as { id: string };
      startLatency.push(performance.now() - t);
      const [task] = (await (await fetch(`${rest}/task?processInstanceId=${started.id}`, { headers: AUTH })).json()) as { id: string }[];
      t = performance.now();
      await post(`${rest}/task/${task!.id}/complete`, { variables: { qualified: { value: true, type: 'Boolean' } } });
      completeLatency.push(performance.now() - t);
    });
    const seconds = (performance.now() - begin) / 1000;
    const ours = TOTAL / seconds;
    const theirs = process.env["BENCH_SKIP_COMPARISON"] ? { seconds: Infinity } : await runOnBpmnEngine(xml, TOTAL, CONCURRENCY);
    const theirsRate = TOTAL / theirs.seconds;
    console.log(`lead routing, ${TOTAL} instances, ${CONCURRENCY} concurrent clients`);
    console.log(`  this engine (REST, PostgreSQL + Redis): ${ours.toFixed(0)} completed instances/s`);
    console.log(`    start    ${describe(startLatency)}`);
    console.log(`    complete ${describe(completeLatency)}`);
    console.log(`  bpmn-engine (in process, in memory): ${theirsRate.toFixed(0)} completed instances/s`);
    console.log(`  ratio (this engine / bpmn-engine): ${(ours / theirsRate).toFixed(2)}`);
  } finally {
    await app.close();
    await admin(baseUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

async function deploy(rest: string): Promise<void> {
  const form = new FormData();
  form.append('deployment-name', 'bench');
  form.append('lead-routing.bpmn', new Blob([xml], { type: 'application/xml' }), 'lead-routing.bpmn');
  const res = await fetch(`${rest}/deployment/create`, { method: 'POST', body: form, headers: AUTH });
  if (res.status !== 200) throw new Error(`deploy failed: ${res.status} ${await res.text()}`);
}

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
