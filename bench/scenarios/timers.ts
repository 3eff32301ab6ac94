import pg from 'pg';
import { runLoad } from '../load-jobs.js';
import { benchModel, clientOf, envNumber, target } from '../models.js';
import { ServiceProcess, sleep } from '../service.js';
import { summarize } from '../stats.js';
import { ms, printTable } from '../table.js';

/**
 * (e) BENCH_TIMERS (10,000; documented with 100,000) bench_timer instances started through the
 * API, each waiting at a timer whose due times are spread over one minute (BENCH_TIMER_SPREAD_S,
 * 60; 0 puts them all at the same instant). The minute starts once all can have been started at
 * BENCH_TIMER_START_RATE per second (40), plus 20 s. Lateness = the timer event's end in history
 * minus its due time; each instance must show the timer and the end event exactly once.
 */
export async function timers(): Promise<void> {
  const count = envNumber('BENCH_TIMERS', 10_000);
  const startRate = envNumber('BENCH_TIMER_START_RATE', 40);
  const spreadMs = Number(process.env['BENCH_TIMER_SPREAD_S'] ?? 60) * 1000;
  const graceMs = envNumber('BENCH_TIMER_GRACE_S', 120) * 1000;
  const service = await ServiceProcess.start('postgres');
  const db = new pg.Client({ connectionString: service.database!.url });
  db.on('error', () => undefined);
  try {
    await clientOf(service).deploy('bench', [benchModel('timer.bpmn')]);
    const firstDue = Math.ceil((Date.now() + (count / startRate) * 1000 + 20_000) / 1000) * 1000;
    const dueOf = (i: number) => firstDue + Math.floor((i * spreadMs) / count);
    const variables = Array.from({ length: count }, (_, i) => ({ due: { value: new Date(dueOf(i)).toISOString(), type: 'String' } }));
    const t = performance.now();
    await runLoad({ kind: 'start', ...target(service), key: 'bench_timer', concurrency: 16, variables });
    const startedAt = Date.now();
    console.log(`started ${count} timer instances in ${((performance.now() - t) / 1000).toFixed(1)} s; first due ${new Date(firstDue).toISOString()}` +
      (startedAt > firstDue ? ` (WARNING: starting overran the first due time by ${startedAt - firstDue} ms; raise the margin with a lower BENCH_TIMER_START_RATE)` : ''));
    await db.connect();
    const deadline = firstDue + spreadMs + graceMs;
    let ended = 0;
    while (Date.now() < deadline) {
      ended = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM engine.hist_process_instance WHERE definition_key = 'bench_timer' AND end_time IS NOT NULL`)).rows[0]!.n);
      if (ended >= count) break;
      await sleep(2000);
    }
    // a little longer, so a timer that fires twice has the time to show it
    await sleep(10_000);
    const fired = (await db.query<{ instance: string; due: string; fired: Date; times: string }>(`
      SELECT h.process_instance_id AS instance, v.text_value AS due, min(h.end_time) AS fired, count(*) AS times
        FROM engine.hist_activity_instance h
        JOIN engine.hist_variable v ON v.process_instance_id = h.process_instance_id AND v.name = 'due'
       WHERE h.activity_id = 'wait' AND h.end_time IS NOT NULL AND h.definition_key = 'bench_timer'
       GROUP BY h.process_instance_id, v.text_value`)).rows;
    const endedTwice = Number((await db.query<{ n: string }>(`
      SELECT count(*) AS n FROM (SELECT process_instance_id FROM engine.hist_activity_instance
       WHERE activity_id = 'done' AND definition_key = 'bench_timer' GROUP BY process_instance_id HAVING count(*) > 1) twice`)).rows[0]!.n);
    const lateness = fired.map((r) => r.fired.getTime() - Date.parse(r.due));
    const early = lateness.filter((l) => l < 0).length;
    const s = summarize(lateness);
    printTable(`timers: ${count} due within ${spreadMs / 1000} s, PostgreSQL + Redis (lateness = fired - due)`, [
      'timers', 'fired', 'not fired', 'fired twice or more', 'end event twice', 'early', 'lateness p50 ms', 'p99 ms', 'max ms', 'within 5 s',
    ], [[count, fired.length, count - fired.length, fired.filter((r) => Number(r.times) > 1).length, endedTwice, early,
      ms(s.p50), ms(s.p99), ms(s.max), `${((100 * lateness.filter((l) => l <= 5000).length) / Math.max(1, count)).toFixed(1)} %`]]);
  } finally {
    await db.end().catch(() => undefined);
    await service.stop();
    await service.database?.drop();
  }
}
