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
const ADMIN = { email: 'admin@bench.test', password: 'bench-admin-password' };
const PASSWORD = 'bench-user-password';

/**
 * npm run bench:crm: seeds 300,000 companies (one contact each), 100,000 deals with change history,
 * leads, complaints and activities on PostgreSQL, runs a few hundred processes through the CRM API,
 * then measures list, timeline and report calls over HTTP (p50/p95/max, one client at a time), as
 * the admin and as a manager and a head, whose lists are narrowed to their records.
 * BENCH_KEEP_DATABASE=true keeps the database (for EXPLAIN ANALYZE).
 */
async function main(): Promise<void> {
  const baseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `crm_load_${Date.now()}`;
  await admin(baseUrl, `CREATE DATABASE ${database}`);
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  const app = await createApp(loadConfig({
    ...process.env, PORT: '0', DATABASE_URL: url.toString(), REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: database, LOG_LEVEL: 'error', SEED_DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password,
  }));
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    const api = `${base}/api`;
    const people = await createPeople(api);
    let t = performance.now();
    const client = new pg.Client({ connectionString: url.toString() });
    client.on('error', () => undefined);
    await client.connect();
    await seedCrm(client, SIZES, people.sales, people.service);
    console.log(`seeded ${JSON.stringify(SIZES)} in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    t = performance.now();
    const approvals = (await client.query<{ id: string; owner_id: string }>(`SELECT id, owner_id FROM crm.deals WHERE stage IN ('proposal', 'negotiation') ORDER BY id LIMIT $1`, [PROCESSES])).rows;
    const deals = approvals.map((r) => r.id);
    const companies = (await client.query<{ id: string }>(`SELECT id FROM crm.companies ORDER BY id LIMIT $1`, [PROCESSES])).rows.map((r) => r.id);
    await pool(deals.length, 8, (i) => post(`${api}/deals/${deals[i]}/approval-requests`, { discountPercent: 5 }, approvals[i]!.owner_id));
    await pool(companies.length, 8, (i) => post(`${api}/complaints`, { companyId: companies[i], type: 'billing', channel: 'email', priority: 'normal', description: 'Bench' }));
    console.log(`started ${deals.length + companies.length} processes through the CRM API in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const randomDeals = (await client.query<{ id: string }>(`SELECT id FROM crm.deals TABLESAMPLE SYSTEM (1) LIMIT $1`, [SAMPLES])).rows.map((r) => r.id);
    const randomCompanies = (await client.query<{ id: string }>(`SELECT id FROM crm.companies TABLESAMPLE SYSTEM (1) LIMIT $1`, [SAMPLES])).rows.map((r) => r.id);
    await client.end();
    const owner = people.sales[3]!;
    const asOwner = basic(owner, PASSWORD);
    const asHead = basic(people.salesHead, PASSWORD);
    const ownDeals = (await get(`${api}/deals?pageSize=200`, asOwner) as { items: { id: string }[] }).items.map((d) => d.id);
    const ownCompanies = (await get(`${api}/companies?pageSize=200`, asOwner) as { items: { id: string }[] }).items.map((c) => c.id);
    const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
    const scoped: [string, (i: number) => string, Record<string, string>][] = [
      ['manager: GET /api/companies (their own, by name)', () => `${api}/companies`, asOwner],
      ['manager: GET /api/companies?q=<prefix>', (i) => `${api}/companies?q=${['Ac', 'Bolu', 'Zen', 'Mar', 'Sol'][i % 5]}`, asOwner],
      ['manager: GET /api/contacts', () => `${api}/contacts`, asOwner],
      ['manager: GET /api/deals?stage', () => `${api}/deals?stage=negotiation`, asOwner],
      ['manager: GET /api/activities', () => `${api}/activities`, asOwner],
      ['manager: GET /api/deals/{id}/timeline', (i) => `${api}/deals/${pick(ownDeals, i)}/timeline`, asOwner],
      ['manager: GET /api/companies/{id}/timeline?scope=360', (i) => `${api}/companies/${pick(ownCompanies, i)}/timeline?scope=360&limit=50`, asOwner],
      ['manager: GET /api/records/search?q=<prefix>', (i) => `${api}/records/search?q=${['Ac', 'Bolu', 'Zen', 'Mar', 'Sol'][i % 5]}&types=company,deal`, asOwner],
      ['manager: GET /api/saved-views?list=deals', () => `${api}/saved-views?list=deals`, asOwner],
      ['manager: GET /api/records?ids (10 deals)', (i) => `${api}/records?ids=${Array.from({ length: 10 }, (_, k) => pick(randomDeals, i + k)).join(',')}`, asOwner],
      ['manager: GET /api/reports/sales-funnel', () => `${api}/reports/sales-funnel`, asOwner],
      ['manager: GET /engine-rest/history/process-instance', () => `${base}/engine-rest/history/process-instance?maxResults=25`, asOwner],
      ['manager: GET /engine-rest/history/process-instance/count', () => `${base}/engine-rest/history/process-instance/count`, asOwner],
      ['head: GET /api/deals (their team, newest first)', () => `${api}/deals`, asHead],
      ['head: GET /api/companies?q=<prefix>', (i) => `${api}/companies?q=${['Ac', 'Bolu', 'Zen', 'Mar', 'Sol'][i % 5]}`, asHead],
      ['head: GET /engine-rest/history/process-instance/count', () => `${base}/engine-rest/history/process-instance/count`, asHead],
    ];
    const scenarios: [string, (i: number) => string, Record<string, string>?][] = [
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
      ['GET /api/companies/{id}/timeline?scope=360 (with complaint)', (i) => `${api}/companies/${pick(companies, i)}/timeline?scope=360&limit=50`],
      ['GET /api/companies/{id}/timeline?scope=360 (random)', (i) => `${api}/companies/${pick(randomCompanies, i)}/timeline?scope=360&limit=50`],
      ['GET /api/records/search?q=<prefix>', (i) => `${api}/records/search?q=${['Ac', 'Bolu', 'Zen', 'Mar', 'Sol'][i % 5]}`],
      ['GET /api/reports/sales-funnel', () => `${api}/reports/sales-funnel`],
      ['GET /api/reports/sales-funnel?from&to&groupBy=owner', () => `${api}/reports/sales-funnel?from=2025-01-01&to=2031-01-01&groupBy=owner`],
      ['GET /api/reports/sales-funnel?teamId', () => `${api}/reports/sales-funnel?teamId=${people.salesTeam}`],
      ['GET /api/reports/complaints-by-type?bucket=month', () => `${api}/reports/complaints-by-type?bucket=month`],
      ['GET /api/reports/sla-compliance', () => `${api}/reports/sla-compliance`],
      ['GET /api/reports/open-tasks', () => `${api}/reports/open-tasks`],
    ];
    console.log(`\n${'call'.padEnd(56)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`);
    let failures = 0;
    for (const [name, target, auth] of [...scenarios, ...scoped]) {
      for (let i = 0; i < 5; i++) await get(target(i), auth);
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const start = performance.now();
        await get(target(i), auth);
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
    if (process.env['BENCH_KEEP_DATABASE'] === 'true') console.log(`kept the database ${url.toString()}`);
    else await admin(baseUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

/** two sales teams (24 and 8 managers, heads) and a service team; all sign in with PASSWORD */
async function createPeople(api: string): Promise<{ sales: string[]; service: string[]; salesTeam: string; salesHead: string }> {
  const user = async (body: Record<string, unknown>) => (await post(`${api}/users`, { ...body, password: PASSWORD })).id as string;
  const salesTeam = (await post(`${api}/teams`, { name: 'Bench sales', kind: 'sales' })).id as string;
  const otherSalesTeam = (await post(`${api}/teams`, { name: 'Bench sales 2', kind: 'sales' })).id as string;
  const serviceTeam = (await post(`${api}/teams`, { name: 'Bench service', kind: 'service' })).id as string;
  const sales: string[] = [];
  for (let i = 0; i < 32; i++) sales.push(await user({ name: `Rep ${i}`, email: `rep${i}@bench.test`, role: 'manager', level: i % 3 === 0 ? 'senior' : 'junior', teamId: i < 24 ? salesTeam : otherSalesTeam }));
  const service: string[] = [];
  for (let i = 0; i < 6; i++) service.push(await user({ name: `Agent ${i}`, email: `agent${i}@bench.test`, role: 'manager', level: 'junior', teamId: serviceTeam }));
  const head = await user({ name: 'Bench head', email: 'head@bench.test', role: 'head', teamId: serviceTeam });
  await patch(`${api}/teams/${serviceTeam}`, { headId: head });
  const salesHead = await user({ name: 'Bench sales head', email: 'sales.head@bench.test', role: 'head', teamId: salesTeam });
  await patch(`${api}/teams/${salesTeam}`, { headId: salesHead });
  return { sales, service, salesTeam, salesHead };
}

function basic(login: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}` };
}

async function get(url: string, auth: Record<string, string> = basic(ADMIN.email, ADMIN.password)): Promise<unknown> {
  const response = await fetch(url, { headers: auth });
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
  const auth = actor ? basic(actor, PASSWORD) : basic(ADMIN.email, ADMIN.password);
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
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
