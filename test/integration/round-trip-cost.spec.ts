import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import { RecordEventRelay } from '../../crm-domain/events/record-event-relay.js';
import { ImportRunner } from '../../crm-domain/import/import-runner.js';
import { RestClient } from '../support/rest-client.js';
import { describeRows, StatementCounter, totalRows, type StatementCounts } from '../support/statement-counter.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const HISTORY_LEVEL = process.env['HISTORY_LEVEL'] ?? 'full';
const leadRouting = readFileSync(join(process.cwd(), 'bench', 'models', 'lead-routing.bpmn'), 'utf8');

/**
 * What one lead-routing round trip through REST costs the database (bench/README.md keeps the
 * figures): start with an amount, the task of the instance, complete it. Counted, not timed, so
 * the figures are the same on a busy machine; the bounds fail a change that adds round trips.
 */
describe('the database cost of one lead-routing round trip', () => {
  let app: TestApp;
  let api: RestClient;
  let counter: StatementCounter;

  beforeAll(async () => {
    // no reconciler pass, no statistics compaction, no sweep of CRM record events and no look for import batches in the middle of a measured round trip
    app = await startTestApp({ env: { JOB_RECONCILE_MS: '3600000', STATISTICS_COMPACT_MS: '3600000' } });
    await app.nest.get(RecordEventRelay).onModuleDestroy();
    await app.nest.get(ImportRunner).onModuleDestroy();
    api = new RestClient(app.rest, app.adminAuth);
    counter = new StatementCounter(app.nest.get<OpenedDatabase>(DATABASE).dataSource);
    expect((await api.deploy([{ name: 'lead-routing.bpmn', content: leadRouting }])).status).toBe(200);
  });
  afterAll(() => app?.close());

  async function roundTrip(amount: number): Promise<{ start: StatementCounts; task: StatementCounts; complete: StatementCounts }> {
    counter.take();
    const started = await api.post<{ id: string }>('/process-definition/key/bench_lead_routing/start', { variables: { amount: { value: amount, type: 'Integer' } } });
    expect(started.status).toBe(200);
    const start = counter.take();
    const tasks = await api.get<{ id: string }[]>('/task', { processInstanceId: started.body.id });
    expect(tasks.body).toHaveLength(1);
    const task = counter.take();
    const completed = await api.post(`/task/${tasks.body[0]!.id}/complete`, { variables: { qualified: { value: true, type: 'Boolean' } } });
    expect(completed.status).toBe(204);
    const complete = counter.take();
    // HISTORY_LEVEL=none (bench/README.md, History levels): the instance is gone and leaves no history
    if (HISTORY_LEVEL === 'none') expect((await api.get(`/process-instance/${started.body.id}`)).status).toBe(404);
    else expect((await api.get<{ state: string }>(`/history/process-instance/${started.body.id}`)).body.state).toBe('COMPLETED');
    return { start, task, complete };
  }

  it('costs the same on every round trip, within the recorded bounds', async () => {
    for (const amount of [250000, 5000]) await roundTrip(amount);
    const measured = [];
    for (const amount of [250000, 5000, 250000, 5000]) measured.push(await roundTrip(amount));
    const sum = (r: { start: StatementCounts; task: StatementCounts; complete: StatementCounts }, key: 'statements' | 'transactions' | 'checkouts' | 'named' | 'upserts') =>
      r.start[key] + r.task[key] + r.complete[key];
    const summary = measured.map((r) => ({
      statements: sum(r, 'statements'),
      transactions: sum(r, 'transactions'),
      checkouts: sum(r, 'checkouts'),
      named: sum(r, 'named'),
      upserts: sum(r, 'upserts'),
      rows: totalRows({ ...prefixed('start', r.start.rows), ...prefixed('complete', r.complete.rows) }),
    }));
    const [first] = measured;
    process.stdout.write([
      `round trip on ${app.databaseKind} at HISTORY_LEVEL=${HISTORY_LEVEL}: ${JSON.stringify(summary[0])}`,
      ...(['start', 'task', 'complete'] as const).map((step) => {
        const c = first![step];
        return `  ${step}: ${c.statements} statements (${c.named} named), ${c.transactions} transactions, ${c.checkouts} checkouts; ${describeRows(c.rows).join(', ')}\n${c.texts.map((t) => `    ${t}`).join('\n')}`;
      }),
      '',
    ].join('\n'));
    for (const other of summary) expect(other).toEqual(summary[0]);
    // before issue 13: 15 statements, 2 transactions, 5 checkouts, 9 history upserts; 7 statements before the completion checked whose task it is on the task it loads
    // 6 before a start by key took the latest definition from the node's cache (latest-definitions.ts)
    // 5 before the completion's audit row went in its own write statement (commit companions)
    // 4 before the completion took its instance from what the node wrote last (recent-instances.ts) instead of reading it
    expect(summary[0]!.statements).toBeLessThanOrEqual(3);
    expect(summary[0]!.transactions).toBe(0);
    expect(summary[0]!.checkouts).toBeLessThanOrEqual(3);
    expect(summary[0]!.upserts).toBe(0);
    // on PostgreSQL every statement goes out prepared, the audit-log insert too (PGlite has no use for names)
    if (app.databaseKind === 'postgres') expect(summary[0]!.named).toBe(summary[0]!.statements);
  });
});

function prefixed(prefix: string, rows: StatementCounts['rows']): StatementCounts['rows'] {
  return Object.fromEntries(Object.entries(rows).map(([table, r]) => [`${prefix}:${table}`, r]));
}
