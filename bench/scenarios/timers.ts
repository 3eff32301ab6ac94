import pg from 'pg';
import { rebuildStatistics } from '../../engine/adapters/typeorm/statistics-counts.js';
import { InstanceCloner } from '../bulk-load.js';
import { runLoad } from '../load-jobs.js';
import { loadAverageNow } from '../machine.js';
import { benchModel, clientOf, envNumber, target } from '../models.js';
import { ServiceProcess, sleep } from '../service.js';
import { summarize } from '../stats.js';
import { ms, printTable } from '../table.js';

/** the clone number a bulk-loaded id ends with (bulk-load.ts: the last 12 hex digits) */
const CLONE_NUMBER = (column: string) => `('x' || right(${column}, 12))::bit(48)::bigint`;

/**
 * (e) BENCH_TIMERS (10,000; documented with 100,000) bench_timer instances, each waiting at a
 * timer, with due times spread over one minute (BENCH_TIMER_SPREAD_S, 60; 0 puts them all at the
 * same instant). By default (BENCH_TIMER_LOAD=bulk) one instance is started through the API and
 * copied (bulk-load.ts), then every copy's job row and `due` variable get its due time, the
 * minute beginning BENCH_TIMER_MARGIN_S (30) after that: the service learns of the rows as it
 * would after a restart, from the reconciler's sweep of due rows. BENCH_TIMER_LOAD=api starts
 * each instance through the API at BENCH_TIMER_START_RATE per second (40) instead. Lateness =
 * the timer event's end in history minus its due time; each instance must show the timer and the
 * end event exactly once.
 */
export async function timers(): Promise<void> {
  const count = envNumber('BENCH_TIMERS', 10_000);
  const spreadMs = Number(process.env['BENCH_TIMER_SPREAD_S'] ?? 60) * 1000;
  const graceMs = envNumber('BENCH_TIMER_GRACE_S', 120) * 1000;
  const bulk = (process.env['BENCH_TIMER_LOAD'] ?? 'bulk') !== 'api';
  // the job settings of the service under test, when the bench is given them
  const jobSettings = Object.fromEntries(['JOB_CONCURRENCY', 'JOB_POLL_CONCURRENCY', 'JOB_POLL_BATCH', 'JOB_POLL_GROUP', 'JOB_RECONCILE_MS', 'JOB_LOCK_MS']
    .filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]!]));
  if (Object.keys(jobSettings).length > 0) console.log(`service job settings: ${JSON.stringify(jobSettings)}`);
  const service = await ServiceProcess.start('postgres', { env: jobSettings });
  const db = new pg.Client({ connectionString: service.database!.url });
  db.on('error', () => undefined);
  try {
    await clientOf(service).deploy('bench', [benchModel('timer.bpmn')]);
    await db.connect();
    const { firstDue, template } = bulk ? await bulkLoad(service, db, count, spreadMs) : await startThroughApi(service, count, spreadMs);
    console.log(`load average when the first timer is due: ${loadAverageNow()}`);
    const deadline = firstDue + spreadMs + graceMs;
    let ended = 0;
    while (Date.now() < deadline) {
      ended = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM engine.hist_process_instance WHERE definition_key = 'bench_timer' AND end_time IS NOT NULL`)).rows[0]!.n);
      if (ended >= count) break;
      await sleep(2000);
    }
    const loadAfter = loadAverageNow();
    // a little longer, so a timer that fires twice has the time to show it
    await sleep(10_000);
    const fired = (await db.query<{ instance: string; due: string; fired: Date; times: string }>(`
      SELECT h.process_instance_id AS instance, v.text_value AS due, min(h.end_time) AS fired, count(*) AS times
        FROM engine.hist_activity_instance h
        JOIN engine.hist_variable v ON v.process_instance_id = h.process_instance_id AND v.name = 'due'
       WHERE h.activity_id = 'wait' AND h.end_time IS NOT NULL AND h.definition_key = 'bench_timer' AND h.process_instance_id <> $1
       GROUP BY h.process_instance_id, v.text_value`, [template])).rows;
    const endedTwice = Number((await db.query<{ n: string }>(`
      SELECT count(*) AS n FROM (SELECT process_instance_id FROM engine.hist_activity_instance
       WHERE activity_id = 'done' AND definition_key = 'bench_timer' GROUP BY process_instance_id HAVING count(*) > 1) twice`)).rows[0]!.n);
    const lateness = fired.map((r) => r.fired.getTime() - Date.parse(r.due));
    const early = lateness.filter((l) => l < 0).length;
    const s = summarize(lateness);
    printTable(`timers: ${count} due within ${spreadMs / 1000} s, PostgreSQL + Redis (lateness = fired - due)`, [
      'timers', 'fired', 'not fired', 'fired twice or more', 'end event twice', 'early (most ms)', 'lateness p50 ms', 'p99 ms', 'max ms', 'within 5 s',
    ], [[count, fired.length, count - fired.length, fired.filter((r) => Number(r.times) > 1).length, endedTwice, early > 0 ? `${early} (${-Math.min(...lateness)})` : 0,
      ms(s.p50), ms(s.p99), ms(s.max), `${((100 * lateness.filter((l) => l <= 5000).length) / Math.max(1, count)).toFixed(1)} %`]]);
    printFiringRate(fired.map((r) => r.fired.getTime()), firstDue, count, spreadMs);
    console.log(`load average when the last timer had fired (or the wait ended): ${loadAfter}`);
  } finally {
    await db.end().catch(() => undefined);
    await service.stop();
    await service.database?.drop();
  }
}

/**
 * One instance through the API (due in a day, so it waits), copied count times; the copies'
 * job rows and `due` variables then get their due times (the i-th copy firstDue + i × spread / count),
 * firstDue being BENCH_TIMER_MARGIN_S after the copies are ready. The template is left out of the figures.
 */
async function bulkLoad(service: ServiceProcess, db: pg.Client, count: number, spreadMs: number): Promise<{ firstDue: number; template: string }> {
  const started = await clientOf(service).post<{ id: string }>('/process-definition/key/bench_timer/start', {
    variables: { due: { value: new Date(Date.now() + 86_400_000).toISOString(), type: 'String' } },
  });
  const t = performance.now();
  const cloner = await InstanceCloner.prepare(db, { instanceId: started.id });
  await cloner.clone(1, count);
  await rebuildStatistics(db);
  await cloner.vacuumAnalyze();
  const firstDue = Math.ceil((Date.now() + envNumber('BENCH_TIMER_MARGIN_S', 30) * 1000) / 1000) * 1000;
  const dueOf = (column: string) => `to_timestamp(${firstDue / 1000}) + ((${CLONE_NUMBER(column)} - 1) * ${spreadMs} / ${count}) * interval '1 millisecond'`;
  const iso = (column: string) => `to_char((${dueOf(column)}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  // the variables first (only the figures read them), the job rows last: from then on they fall due
  for (const table of ['engine.variable', 'engine.hist_variable']) {
    await db.query(`UPDATE ${table} SET text_value = ${iso('process_instance_id')} WHERE name = 'due' AND process_instance_id <> $1`, [started.id]);
  }
  await db.query(`UPDATE engine.job SET due_at = ${dueOf('process_instance_id')} WHERE definition_key = 'bench_timer' AND process_instance_id <> $1`, [started.id]);
  const ready = Date.now();
  console.log(`bulk loaded ${count} timer instances (rows in ${cloner.tableNames.join(', ')}) in ${((performance.now() - t) / 1000).toFixed(1)} s; first due ${new Date(firstDue).toISOString()}` +
    (ready > firstDue - 5000 ? ` (WARNING: ready only ${firstDue - ready} ms before the first due time; raise BENCH_TIMER_MARGIN_S)` : ''));
  return { firstDue, template: started.id };
}

/** each instance through the API at BENCH_TIMER_START_RATE (40/s); the minute begins once all can have been started, plus 20 s */
async function startThroughApi(service: ServiceProcess, count: number, spreadMs: number): Promise<{ firstDue: number; template: string }> {
  const startRate = envNumber('BENCH_TIMER_START_RATE', 40);
  const firstDue = Math.ceil((Date.now() + (count / startRate) * 1000 + 20_000) / 1000) * 1000;
  const dueOf = (i: number) => firstDue + Math.floor((i * spreadMs) / count);
  const variables = Array.from({ length: count }, (_, i) => ({ due: { value: new Date(dueOf(i)).toISOString(), type: 'String' } }));
  const t = performance.now();
  await runLoad({ kind: 'start', ...target(service), key: 'bench_timer', concurrency: 16, variables });
  const startedAt = Date.now();
  console.log(`started ${count} timer instances in ${((performance.now() - t) / 1000).toFixed(1)} s; first due ${new Date(firstDue).toISOString()}` +
    (startedAt > firstDue ? ` (WARNING: starting overran the first due time by ${startedAt - firstDue} ms; raise the margin with a lower BENCH_TIMER_START_RATE)` : ''));
  return { firstDue, template: '' };
}

/** how fast timers fired, against the rate the spread asks for (count / spread) */
function printFiringRate(firedAt: readonly number[], firstDue: number, count: number, spreadMs: number): void {
  if (firedAt.length === 0) return;
  const perSecond = new Map<number, number>();
  for (const at of firedAt) perSecond.set(Math.floor((at - firstDue) / 1000), (perSecond.get(Math.floor((at - firstDue) / 1000)) ?? 0) + 1);
  const last = Math.max(...firedAt);
  const spanS = Math.max(1, (last - firstDue) / 1000);
  const needed = spreadMs > 0 ? (count * 1000) / spreadMs : Number.POSITIVE_INFINITY;
  printTable('timers: firing rate (from history)', ['needed /s', 'mean /s (first due → last fired)', 'peak /s (one second)', 'last fired after first due s'], [[
    Number.isFinite(needed) ? needed.toFixed(0) : '-', (firedAt.length / spanS).toFixed(0), Math.max(...perSecond.values()), spanS.toFixed(1),
  ]]);
}
