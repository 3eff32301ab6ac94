import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';
import { HISTORY_LEVELS, writesHistoryOf, type HistoryLevel } from '../execution/history-level.js';

/*
 * Camunda 7's history levels: which history rows one run writes at each level. The run starts with
 * a variable, updates it, completes a user task with a new variable, and then fails a job into an
 * incident. Runtime state (the incident, the variables) is the same at every level.
 */
const model = bpmn('p', `
  <startEvent id="start"/>
  <userTask id="approve"/>
  <scriptTask id="price" scriptFormat="juel" camunda:resultVariable="price" camunda:asyncBefore="true">
    <extensionElements><camunda:failedJobRetryTimeCycle>R1/PT5M</camunda:failedJobRetryTimeCycle></extensionElements>
    <script>\${product.listPrice}</script>
  </scriptTask>
  ${flows('start', 'approve', 'price')}`);

async function historyOfOneRun(level: HistoryLevel) {
  const h = new EngineHarness({ historyLevel: level });
  await h.deploy(model);
  const id = await h.start('p', { amount: 100 });
  await h.engine.modifyVariables(id, typed({ amount: 250 }));
  await h.complete(id, 'approve', { approved: true });
  const count = (table: keyof typeof h.store.history) => h.store.history[table].size;
  return {
    rows: {
      processInstance: count('processInstance'),
      activityInstance: count('activityInstance'),
      task: count('task'),
      variable: count('variable'),
      incident: count('incident'),
      decisionInstance: count('decisionInstance'),
    },
    runtime: { incidents: h.store.incidents.size, variables: [...h.store.variables.values()].map((v) => v.name).sort() },
  };
}

describe('feature: history levels', () => {
  it.each([
    // start, approve, price (waiting in its failed job)
    ['full', { processInstance: 1, activityInstance: 3, task: 1, variable: 2, incident: 1, decisionInstance: 0 }],
    ['audit', { processInstance: 1, activityInstance: 3, task: 1, variable: 2, incident: 0, decisionInstance: 0 }],
    ['activity', { processInstance: 1, activityInstance: 3, task: 1, variable: 0, incident: 0, decisionInstance: 0 }],
    ['none', { processInstance: 0, activityInstance: 0, task: 0, variable: 0, incident: 0, decisionInstance: 0 }],
  ] as const)('%s writes exactly these history rows, and the same runtime state', async (level, rows) => {
    const run = await historyOfOneRun(level);
    expect(run.rows).toEqual(rows);
    expect(run.runtime).toEqual({ incidents: 1, variables: ['amount', 'approved'] });
  });

  it('keeps only the latest value of a variable at audit (no variable updates)', async () => {
    const h = new EngineHarness({ historyLevel: 'audit' });
    await h.deploy(model);
    const id = await h.start('p', { amount: 100 });
    await h.engine.modifyVariables(id, typed({ amount: 250 }));
    const amounts = [...h.store.history.variable.values()].map((v) => (v as { value: { value: unknown } }).value.value);
    expect(amounts).toEqual([250]);
  });

  it('orders the tables as Camunda does: each level writes what the one below it writes, and more', () => {
    const tables = ['processInstance', 'activityInstance', 'task', 'variable', 'incident', 'decisionInstance'] as const;
    const written = HISTORY_LEVELS.map((level) => tables.filter((table) => writesHistoryOf(level, table)));
    expect(written).toEqual([
      [],
      ['processInstance', 'activityInstance', 'task'],
      ['processInstance', 'activityInstance', 'task', 'variable'],
      [...tables],
    ]);
  });
});
