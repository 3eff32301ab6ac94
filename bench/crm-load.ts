import 'reflect-metadata';
import pg from 'pg';
import { createApp } from '../app/create-app.js';
import { loadConfig } from '../app/config.js';
import { seedCrm } from './crm-seed.js';
import { percentile, pool } from './stats.js';

const SIZES = {
  companies: Number(process.env['BENCH_COMPANIES'] ?? 300_000),
  deals: Number(process.env['BENCH_DEALS'] ?? 100_000),
  leads: Number(process.env['BENCH_LEADS'] ?? 50_000),
  complaints: Number(process.env['BENCH_COMPLAINTS'] ?? 30_000),
  activities: Number(process.env['BENCH_ACTIVITIES'] ?? 100_000),
};
const SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 100);
const PROCESSES = Number(process.env['BENCH_PROCESSES'] ?? 200);
const BUDGET_MS = 200;

/**
 * npm run bench:crm: seeds 300,000 companies (one contact each), 100,000 deals with change history,
 * leads, complaints and activities on PostgreSQL, runs a few hundred processes through the CRM API,
 * then measures list, timeline and report calls over HTTP (p50/p95/max, one client at a time).
 */
async function main(): Promise<void> {
  const baseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `crm_load_${Date.now()}`;
  await admin(baseUrl, `CREATE DATABASE ${database}`);
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  const app = await createApp(loadConfig({
    ...process.env, PORT: '0', DATABASE_URL: url.toString(), REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: database, LOG_LEVEL: 'error', SEED_DEMO: 'false',
  }));
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const api = `http://127.0.0.1:${port}/api`;
    const people = await createPeople(api);
    let t = performance.now();
    const client = new pg.Client({ connectionString: url.toString() });
    client.on('error', () => undefined);
    await client.connect();
    await seedCrm(client, SIZES, people.sales, people.service);
    console.log(`seeded ${JSON.stringify(SIZES)} in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    t = performance.now();
    const deals = (await client.query<{ id: string }>(`SELECT id FROM crm.deals WHERE stage IN ('proposal', 'negotiation') ORDER BY id LIMIT $1`, [PROCESSES])).rows.map((r) => r.id);
    const companies = (await client.query<{ id: string }>(`SELECT id FROM crm.companies ORDER BY id LIMIT $1`, [PROCESSES])).rows.map((r) => r.id);
    await pool(deals.length, 8, (i) => post(`${api}/deals/${deals[i]}/approval-requests`, { discountPercent: 5 }, people.sales[0]!));
    await pool(companies.length, 8, (i) => post(`${api}/complaints`, { companyId: companies[i], type: 'billing', channel: 'email', priority: 'normal', description: 'Bench' }));
    console.log(`started ${deals.length + companies.length} processes through the CRM API in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const randomDeals = (await client.query<{ id: string }>(`SELECT id FROM crm.deals TABLESAMPLE SYSTEM (1) LIMIT $1`, [SAMPLES])).rows.map((r) => r.id);
    const randomCompanies = (await client.query<{ id: string }>(`SELECT id FROM crm.companies TABLESAMPLE SYSTEM (1) LIMIT $1`, [SAMPLES])).rows.map((r) => r.id);
    await client.end();
    const owner = people.sales[3]!;
    const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
    const scenarios: [string, (i: number) => string][] = [
      ['GET /api/companies (first page, by name)', () => `${api}/companies`],
      ['GET /api/companies?q=<prefix>', (i) => `${api}/companies?q=${['Ac', 'Bolu', 'Zen', 'Mar', 'Sol'][i % 5]}`],
      ['GET /api/companies?type&industry&page=50', () => `${api}/companies?type=client&industry=Energy&page=50&pageSize=25`],
      ['GET /api/companies?ownerId&sort=-createdAt', () => `${api}/companies?ownerId=${owner}&sort=-createdAt`],
      ['GET /api/contacts?companyId', (i) => `${api}/contacts?companyId=${pick(randomCompanies, i)}`],
      ['GET /api/deals (newest first)', () => `${api}/deals`],
      ['GET /api/deals?stage&sort=-amount', () => `${api}/deals?stage=proposal&sort=-amount`],
      ['GET /api/deals?ownerId&stage', () => `${api}/deals?ownerId=${owner}&stage=negotiation`],
      ['GET /api/deals?teamId&minAmount', () => `${api}/deals?teamId=${people.salesTeam}&minAmount=400000`],
      ['GET /api/leads?status', () => `${api}/leads?status=new`],
      ['GET /api/complaints?status&priority', () => `${api}/complaints?status=new&priority=urgent`],
      ['GET /api/deals/{id}/timeline (with process)', (i) => `${api}/deals/${pick(deals, i)}/timeline`],
      ['GET /api/deals/{id}/timeline (random)', (i) => `${api}/deals/${pick(randomDeals, i)}/timeline`],
      ['GET /api/companies/{id}/timeline', (i) => `${api}/companies/${pick(randomCompanies, i)}/timeline`],
      ['GET /api/reports/sales-funnel', () => `${api}/reports/sales-funnel`],
      ['GET /api/reports/sales-funnel?from&to&groupBy=owner', () => `${api}/reports/sales-funnel?from=2025-01-01&to=2031-01-01&groupBy=owner`],
      ['GET /api/reports/sales-funnel?teamId', () => `${api}/reports/sales-funnel?teamId=${people.salesTeam}`],
      ['GET /api/reports/complaints-by-type?bucket=month', () => `${api}/reports/complaints-by-type?bucket=month`],
      ['GET /api/reports/sla-compliance', () => `${api}/reports/sla-compliance`],
      ['GET /api/reports/open-tasks', () => `${api}/reports/open-tasks`],
    ];
    console.log(`\n${'call'.padEnd(56)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`);
    let failures = 0;
    for (const [name, target] of scenarios) {
      for (let i = 0; i < 5; i++) await get(target(i));
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const start = performance.now();
        await get(target(i));
        samples.push(performance.now() - start);
      }
      const p95 = percentile(samples, 95);
      if (p95 > BUDGET_MS) failures++;
      console.log(`${name.padEnd(56)} ${ms(percentile(samples, 50))} ${ms(p95)} ${ms(Math.max(...samples))}${p95 > BUDGET_MS ? '  over budget' : ''}`);
    }
    console.log(failures === 0 ? `\nall p95 under ${BUDGET_MS} ms` : `\n${failures} calls over ${BUDGET_MS} ms p95`);
    process.exitCode = failures === 0 ? 0 : 1;
  } finally {
    await app.close();
    await admin(baseUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

async function createPeople(api: string): Promise<{ sales: string[]; service: string[]; salesTeam: string }> {
  const salesTeam = (await post(`${api}/teams`, { name: 'Bench sales', kind: 'sales' })).id as string;
  const serviceTeam = (await post(`${api}/teams`, { name: 'Bench service', kind: 'service' })).id as string;
  const sales: string[] = [];
  for (let i = 0; i < 24; i++) sales.push((await post(`${api}/users`, { name: `Rep ${i}`, email: `rep${i}@bench.test`, role: 'manager', level: i % 3 === 0 ? 'senior' : 'junior', teamId: salesTeam })).id);
  const service: string[] = [];
  for (let i = 0; i < 6; i++) service.push((await post(`${api}/users`, { name: `Agent ${i}`, email: `agent${i}@bench.test`, role: 'manager', level: 'junior', teamId: serviceTeam })).id);
  const head = (await post(`${api}/users`, { name: 'Bench head', email: 'head@bench.test', role: 'head', teamId: serviceTeam })).id;
  await patch(`${api}/teams/${serviceTeam}`, { headId: head });
  return { sales, service, salesTeam };
}

async function get(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function post(url: string, body: unknown, actor?: string): Promise<any> {
  return send('POST', url, body, actor);
}

async function patch(url: string, body: unknown): Promise<any> {
  return send('PATCH', url, body);
}

async function send(method: string, url: string, body: unknown, actor?: string): Promise<any> {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', ...(actor ? { 'x-user-id': actor } : {}) }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`.padStart(8);
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

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
