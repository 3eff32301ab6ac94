import pg from 'pg';
import { rebuildStatistics, STATISTICS_COUNT_TABLE, STATISTICS_DELTA_TABLE } from '../../engine/adapters/typeorm/statistics-counts.js';
import { cloneId, InstanceCloner } from '../bulk-load.js';
import { disableAutoExplain, enableAutoExplain, logOffset, plansSince, unreadableLog } from '../explain.js';
import { runLoad, type Probe } from '../load-jobs.js';
import { benchModel, clientOf, envNumber, target } from '../models.js';
import { createScratchDatabase } from '../scratch-database.js';
import { ServiceProcess, sleep } from '../service.js';
import type { Latency } from '../stats.js';
import { ms, printTable } from '../table.js';

const USERS = 1000;
const GROUPS = 50;
const TEMPLATE = { assignee: 'bench-user-000000', group: 'bench-group-000' };

/**
 * (d) Waiting instances: bench_waiting instances parked at their user task by bulk loading
 * (bulk-load.ts) to 1,000 and then to BENCH_WAITING (100,000; documented with 1,000,000): half
 * at an assigned task (assignees spread over 1,000 users), half at a task offered to a candidate
 * group only, with candidate groups spread over 50 groups. At each level, one
 * client at a time: start, complete, GET /task by assignee and by candidate group (a page of 50),
 * and GET /process-definition/{id}/statistics. At the top level the service restarts with
 * auto_explain on and each operation runs once more, to print the plan of every statement.
 */
export async function waitingInstances(): Promise<void> {
  const waiting = envNumber('BENCH_WAITING', 100_000);
  const samples = envNumber('BENCH_SAMPLES', 50);
  const levels = waiting > 1000 ? [1000, waiting] : [waiting];
  const database = await createScratchDatabase('waiting');
  const db = new pg.Client({ connectionString: database.url });
  db.on('error', () => undefined);
  let service = await ServiceProcess.start('postgres', { database });
  try {
    const client = clientOf(service);
    const deployment = await client.deploy('bench', [benchModel('waiting.bpmn')]);
    const definitionId = Object.values(deployment.deployedProcessDefinitions ?? {})[0]!.id;
    const templates = [TEMPLATE.assignee, null].map(async (assignee) => {
      const started = await client.post<{ id: string }>('/process-definition/key/bench_waiting/start', { variables: variablesFor(assignee, TEMPLATE.group) });
      const [task] = await client.get<{ id: string }[]>(`/task?processInstanceId=${started.id}`);
      return { instanceId: started.id, taskId: task!.id };
    });
    const [assigned, unassigned] = [await templates[0]!, await templates[1]!];
    await db.connect();
    const cloners = [
      await InstanceCloner.prepare(db, { instanceId: assigned.instanceId, ...TEMPLATE, users: USERS, groups: GROUPS }),
      await InstanceCloner.prepare(db, { instanceId: unassigned.instanceId, ...TEMPLATE, users: USERS, groups: GROUPS }),
    ];
    console.log(`template instances ${assigned.instanceId} (assigned) and ${unassigned.instanceId} (candidate group only): rows in ${cloners[0]!.tableNames.join(', ')}`);
    const taskIds = [assigned.taskId, unassigned.taskId];
    const results: Record<string, Latency>[] = [];
    let perTemplate = 1;
    for (const level of levels) {
      const t = performance.now();
      const next = Math.floor(level / 2);
      for (const cloner of cloners) await cloner.clone(perTemplate, next - 1);
      // the copies were written around the engine: their statistics' counts are computed from the rows
      await rebuildStatistics(db);
      for (const cloner of cloners) await cloner.vacuumAnalyze();
      for (const table of [STATISTICS_COUNT_TABLE, STATISTICS_DELTA_TABLE]) await db.query(`VACUUM ANALYZE ${table}`);
      const count = (await db.query<{ n: string }>(`SELECT count(*) AS n FROM engine.task WHERE definition_id = $1`, [definitionId])).rows[0]!.n;
      console.log(`bulk loaded ${2 * (next - perTemplate)} instances in ${((performance.now() - t) / 1000).toFixed(1)} s: ${count} tasks waiting`);
      const probes = probesAt(next, perTemplate, samples, definitionId, taskIds);
      // the service's first requests pay for JIT and caches: warm it with everything but completions
      // and completions of the last few copies, which the measured ones (spread below them) never reach
      if (perTemplate === 1) {
        const warmCompletions: Probe = { name: 'warm-up', requests: Array.from({ length: next - 1 > samples + 10 ? 6 : 0 }, (_, k) => ({
          method: 'POST', path: `/task/${cloneId(taskIds[k % 2]!, next - 1 - Math.floor(k / 2))}/complete`, body: {},
        })) };
        await runLoad({ kind: 'probe', ...target(service), probes: [...probes.filter((p) => !p.name.includes('complete')), warmCompletions] });
      }
      perTemplate = next;
      results.push(await runLoad<Record<string, Latency>>({ kind: 'probe', ...target(service), probes }));
    }
    const names = Object.keys(results[0]!);
    printTable(`waiting instances: one client at a time, ${samples} samples each (statistics: ${Math.min(samples, 20)}), PostgreSQL + Redis`, [
      'operation', ...levels.map((l) => `p50 / p99 ms at ${l.toLocaleString('en')} waiting`), ...(levels.length > 1 ? ['p50 ratio'] : []),
    ], names.map((name) => [
      name,
      ...results.map((r) => `${ms(r[name]!.p50)} / ${ms(r[name]!.p99)}`),
      ...(levels.length > 1 ? [(results[1]![name]!.p50 / results[0]![name]!.p50).toFixed(2)] : []),
    ]));

    const noLog = unreadableLog();
    if (noLog) {
      console.log(`no EXPLAIN: ${noLog}`);
      return;
    }
    await service.stop();
    await enableAutoExplain(database.name);
    service = await ServiceProcess.start('postgres', { database });
    const explainProbes = probesAt(perTemplate, Math.floor(perTemplate / 2) + 1, 2, definitionId, taskIds);
    console.log(`\n### EXPLAIN (ANALYZE, BUFFERS) at ${waiting.toLocaleString('en')} waiting (auto_explain, the service's own statements)\n`);
    for (const probe of explainProbes) {
      // the first request warms caches (credentials, definitions); the second one is explained
      await runLoad({ kind: 'probe', ...target(service), probes: [{ name: probe.name, requests: probe.requests.slice(0, 1) }] });
      await sleep(300);
      const from = logOffset();
      await runLoad({ kind: 'probe', ...target(service), probes: [{ name: probe.name, requests: probe.requests.slice(1, 2) }] });
      await sleep(500);
      const plans = plansSince(database.name, from);
      console.log(`#### ${probe.name}: ${plans.length} statements\n`);
      for (const plan of plans) console.log('```sql\n' + plan.query + '\n```\n```\n' + plan.plan + '\n```\n');
    }
    await disableAutoExplain(database.name);
  } finally {
    await db.end().catch(() => undefined);
    await service.stop();
    await database.drop();
  }
}

function variablesFor(assignee: string | null, group: string): Record<string, unknown> {
  return { assignee: assignee === null ? { value: null, type: 'Null' } : { value: assignee, type: 'String' }, group: { value: group, type: 'String' } };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** the operations measured with `perTemplate` clones of each template; the tasks completed are clones added last (from `firstNew`) */
function probesAt(perTemplate: number, firstNew: number, samples: number, definitionId: string, templateTaskIds: readonly string[]): Probe[] {
  const spread = (k: number) => firstNew + Math.floor((k * (perTemplate - firstNew)) / samples) % Math.max(1, perTemplate - firstNew);
  const list = (n: number, request: (k: number) => Probe['requests'][number]) => Array.from({ length: n }, (_, k) => request(k));
  return [
    { name: 'POST /process-definition/key/{key}/start', requests: list(samples, (k) => ({ method: 'POST', path: '/process-definition/key/bench_waiting/start', body: { variables: variablesFor(k % 2 === 0 ? `bench-user-${pad((k * 7) % USERS, 6)}` : null, `bench-group-${pad(k % GROUPS, 3)}`) } })) },
    { name: 'POST /task/{id}/complete', requests: list(samples, (k) => ({ method: 'POST', path: `/task/${cloneId(templateTaskIds[k % 2]!, Math.max(1, spread(k)))}/complete`, body: {} })) },
    { name: 'GET /task?assignee (page of 50)', requests: list(samples, (k) => ({ method: 'GET', path: `/task?assignee=bench-user-${pad((k * 13) % USERS, 6)}&maxResults=50` })) },
    { name: 'GET /task?candidateGroup (page of 50)', requests: list(samples, (k) => ({ method: 'GET', path: `/task?candidateGroup=bench-group-${pad(k % GROUPS, 3)}&maxResults=50` })) },
    { name: 'GET /process-definition/{id}/statistics', requests: list(Math.min(samples, 20), () => ({ method: 'GET', path: `/process-definition/${definitionId}/statistics` })) },
  ];
}
