import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import type { HistoryLevel } from '../../engine/core/execution/history-level.js';
import { dmnDocument, tableDecision } from '../../engine/core/dmn/testing/dmn-builder.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { RecordEventRelay } from '../../crm-domain/events/record-event-relay.js';
import { ImportRunner } from '../../crm-domain/import/import-runner.js';
import { CrmClient } from '../support/crm-client.js';
import { RestClient } from '../support/rest-client.js';
import { describeRows, StatementCounter, type StatementCounts } from '../support/statement-counter.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../support/test-app.js';

/*
 * HISTORY_LEVEL on the real service (PostgreSQL or PGlite): the history rows one run of a small
 * model writes at each level, the rows the run inserts in all (fewer at lower levels, the rest the
 * same), and the history REST queries and the CRM's timelines answering at every level.
 * The run: start on a company with a variable, a decision (business rule task), a variable
 * update (PUT), the user task completed with a new variable.
 */

const decision = dmnDocument(tableDecision({
  id: 'hl_discount', name: 'Discount', hitPolicy: 'UNIQUE',
  inputs: [{ expression: 'amount', typeRef: 'number' }],
  outputs: [{ name: 'discount', typeRef: 'number' }],
  rules: [['< 1000', '0'], ['>= 1000', '0.1']],
}));

const model = bpmn('hl_approval', `
  <startEvent id="start"/>
  <businessRuleTask id="price" name="Price" camunda:decisionRef="hl_discount" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="discount"/>
  <userTask id="approve" name="Approve discount"/>
  <endEvent id="end"/>
  ${flows('start', 'price', 'approve', 'end')}`);

const HISTORY_TABLES = ['hist_process_instance', 'hist_activity_instance', 'hist_task', 'hist_variable', 'hist_decision_instance', 'hist_incident'] as const;
type HistoryTable = (typeof HISTORY_TABLES)[number];

/** history rows of the run: start, price, approve, end; amount, discount, approved; one decision */
const FULL: Record<HistoryTable, number> = {
  hist_process_instance: 1, hist_activity_instance: 4, hist_task: 1, hist_variable: 3, hist_decision_instance: 1, hist_incident: 0,
};
const EXPECTED: Record<HistoryLevel, Record<HistoryTable, number>> = {
  full: FULL,
  audit: { ...FULL, hist_decision_instance: 0 },
  activity: { ...FULL, hist_decision_instance: 0, hist_variable: 0 },
  none: { hist_process_instance: 0, hist_activity_instance: 0, hist_task: 0, hist_variable: 0, hist_decision_instance: 0, hist_incident: 0 },
};

const HISTORY_QUERIES = ['process-instance', 'activity-instance', 'variable-instance', 'task', 'incident', 'decision-instance'];

interface LevelRun {
  /** rows the run inserted into each table, history and the rest */
  readonly inserted: Record<string, number>;
}

const runs = new Map<HistoryLevel, LevelRun>();

function insertedOf(rows: StatementCounts['rows']): Record<string, number> {
  return Object.fromEntries(Object.entries(rows).filter(([, r]) => r.inserted > 0).map(([table, r]) => [table, r.inserted]));
}

const sum = (counts: Record<string, number>, keep: (table: string) => boolean) =>
  Object.entries(counts).filter(([table]) => keep(table)).reduce((total, [, n]) => total + n, 0);
const isHistory = (table: string) => table.startsWith('engine.hist_');

describe.each(['full', 'audit', 'activity', 'none'] as const)('HISTORY_LEVEL=%s', (level) => {
  let app: TestApp;
  let api: RestClient;
  let crm: CrmClient;
  let counter: StatementCounter;
  let companyId: string;
  let instanceId: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { HISTORY_LEVEL: level, SEED_DEMO: 'false', JOB_RECONCILE_MS: '3600000', STATISTICS_COMPACT_MS: '3600000' } });
    // nothing in the background while the run is counted
    await app.nest.get(RecordEventRelay).onModuleDestroy();
    await app.nest.get(ImportRunner).onModuleDestroy();
    api = new RestClient(app.rest, app.adminAuth);
    crm = new CrmClient(app.url, app.adminAuth);
    counter = new StatementCounter(app.nest.get<OpenedDatabase>(DATABASE).dataSource);
    expect((await api.deploy([{ name: 'pricing.dmn', content: decision }, { name: 'approval.bpmn', content: model }])).status).toBe(200);
    companyId = (await crm.ok<{ id: string }>('POST', '/api/companies', { name: `Level ${level} Works`, type: 'client', primaryContact: { fullName: 'Lena Level' } })).id;

    counter.take();
    const started = await api.post<{ id: string }>('/process-definition/key/hl_approval/start', {
      businessKey: companyId, variables: { amount: { value: 500, type: 'Integer' } },
    });
    expect(started.status).toBe(200);
    instanceId = started.body.id;
    expect((await api.put(`/process-instance/${instanceId}/variables/amount`, { value: 2500, type: 'Integer' })).status).toBe(204);
    const tasks = await api.get<{ id: string }[]>('/task', { processInstanceId: instanceId });
    expect(tasks.body).toHaveLength(1);
    expect((await api.post(`/task/${tasks.body[0]!.id}/complete`, { variables: { approved: { value: true, type: 'Boolean' } } })).status).toBe(204);
    const counts = counter.take();
    process.stdout.write(`HISTORY_LEVEL=${level} on ${app.databaseKind}: ${describeRows(counts.rows).join(', ')}\n`);
    runs.set(level, { inserted: insertedOf(counts.rows) });
  });
  afterAll(() => app?.close());

  it('writes exactly the history rows of its level, each inserted once', async () => {
    const db = app.nest.get<OpenedDatabase>(DATABASE).dataSource;
    const rows: Record<string, number> = {};
    for (const table of HISTORY_TABLES) {
      const [row] = (await db.query(`SELECT count(*)::int AS n FROM engine.${table}`)) as { n: number }[];
      rows[table] = row!.n;
    }
    expect(rows).toEqual(EXPECTED[level]);
    const inserted = runs.get(level)!.inserted;
    expect(Object.fromEntries(HISTORY_TABLES.map((table) => [table, inserted[`engine.${table}`] ?? 0]))).toEqual(EXPECTED[level]);
  });

  it('keeps the runtime writes of every level: the statistics counts, the variables and tasks', () => {
    const inserted = runs.get(level)!.inserted;
    expect(inserted['engine.statistics_delta']).toBeGreaterThan(0);
    // amount and discount; approved comes with the command that ends the instance, and goes with it
    expect(inserted['engine.variable']).toBe(2);
    expect(inserted['engine.task']).toBe(1);
  });

  it('answers the history queries (empty lists where the level writes nothing)', async () => {
    for (const query of HISTORY_QUERIES) {
      const list = await api.get<unknown[]>(`/history/${query}`);
      expect({ query, status: list.status, isList: Array.isArray(list.body) }).toEqual({ query, status: 200, isList: true });
      const count = await api.get<{ count: number }>(`/history/${query}/count`);
      expect({ query, status: count.status, count: count.body.count }).toEqual({ query, status: 200, count: list.body.length });
      if (level === 'none') expect({ query, list: list.body }).toEqual({ query, list: [] });
    }
    expect((await api.get(`/history/process-instance/${instanceId}`)).status).toBe(level === 'none' ? 404 : 200);
  });

  it('shows the process steps on the CRM timelines from activity up, and answers without them below', async () => {
    const wide = await crm.ok<{ entries: { kind: string; detail: { step?: string } }[] }>('GET', `/api/companies/${companyId}/timeline`, { scope: '360', limit: 200 });
    const steps = wide.entries.filter((e) => e.kind === 'process').map((e) => e.detail.step).sort();
    expect(steps).toEqual(level === 'none' ? [] : ['Approve discount', 'Price', 'end', 'start']);
    const narrow = await crm.get(`/api/companies/${companyId}/timeline`);
    expect(narrow.status).toBe(200);
    const processes = await crm.get(`/api/companies/${companyId}/processes`);
    expect(processes.status).toBe(200);
  });

  it('lets a caller who sees only their own instances read them at every level (visibility does not need history)', async () => {
    const managerId = (await crm.ok<{ id: string }>('POST', '/api/users', {
      name: 'Mia Manager', email: `mia.${level}.${Date.now()}@e2e.test`, role: 'manager', level: 'junior', password: TEST_USER_PASSWORD,
    })).id;
    const manager = new RestClient(app.rest, basicAuth(managerId, TEST_USER_PASSWORD));
    const started = await manager.post<{ id: string }>('/process-definition/key/hl_approval/start', { variables: { amount: { value: 10, type: 'Integer' } } });
    expect(started.status).toBe(200);
    // and one about a record of theirs, started by someone else: seen through the business key
    const theirCompany = (await crm.ok<{ id: string }>('POST', '/api/companies', { name: `Mia's ${level} client`, type: 'client', ownerId: managerId, primaryContact: { fullName: 'Max Client' } })).id;
    const onRecord = await api.post<{ id: string }>('/process-definition/key/hl_approval/start', { businessKey: theirCompany, variables: { amount: { value: 20, type: 'Integer' } } });
    expect(onRecord.status).toBe(200);
    const own = await manager.get<{ id: string }[]>('/process-instance', { processDefinitionKey: 'hl_approval' });
    expect(own.body.map((i) => i.id).sort()).toEqual([started.body.id, onRecord.body.id].sort());
    expect((await manager.get(`/process-instance/${started.body.id}/variables`)).body).toMatchObject({ amount: { value: 10 } });
    // the admin's instance stays out of sight
    expect((await manager.get(`/process-instance/${instanceId}`)).status).toBe(404);
  });
});

describe('the rows one run inserts, by level', () => {
  it('are fewer at each lower level, by its history rows alone', () => {
    const levels = ['full', 'audit', 'activity', 'none'] as const;
    const totals = levels.map((level) => sum(runs.get(level)!.inserted, () => true));
    process.stdout.write(`rows inserted per run: ${levels.map((level, i) => `${level} ${totals[i]}`).join(', ')}\n`);
    for (let i = 1; i < levels.length; i++) expect(totals[i]).toBeLessThan(totals[i - 1]!);
    const outsideHistory = levels.map((level) => sum(runs.get(level)!.inserted, (table) => !isHistory(table)));
    expect(outsideHistory).toEqual(levels.map(() => outsideHistory[0]));
  });
});
