import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad, type OpenLoopResult } from '../load-jobs.js';
import { benchModel, clientOf, envList, envNumber, target } from '../models.js';
import { checkpointBeforeRun } from '../scratch-database.js';
import { ServiceProcess } from '../service.js';
import { ms, printTable, rate } from '../table.js';

/**
 * (b) The round trip at fixed offered rates (BENCH_RATES, 100,300,600 per second) for
 * BENCH_SECONDS each, on PostgreSQL + Redis: latency from the intended send time, so a queue in
 * the service shows in the percentiles; at most BENCH_MAX_IN_FLIGHT round trips are open at once,
 * the rest are counted as skipped. As in the closed loop, each rate starts with a CHECKPOINT and
 * then BENCH_WARMUP round trips (default 1,000) at 16 clients from the same load generator before
 * the measured seconds: right
 * after a checkpoint every first change of a page writes a full page image to the WAL, and a rate
 * near capacity sent into that builds a queue the row then measures instead of the steady state
 * (see bench/README.md, *Stop 26*). With BENCH_TRACE_DIR each rate also writes a CSV of its round
 * trips (when each was meant to go out, how late it went, each request's time), to see whether a
 * tail is a stall that all round trips in flight share or scattered slow requests.
 */
export async function openLoop(): Promise<void> {
  const rates = envList('BENCH_RATES', [100, 300, 600]);
  const seconds = envNumber('BENCH_SECONDS', 20);
  const maxInFlight = envNumber('BENCH_MAX_IN_FLIGHT', 2000);
  const warmup = envNumber('BENCH_WARMUP', 1000);
  const traceDir = process.env['BENCH_TRACE_DIR'];
  if (traceDir) mkdirSync(traceDir, { recursive: true });
  const service = await ServiceProcess.start('postgres');
  const rows: (string | number)[][] = [];
  const errors = new Set<string>();
  try {
    await clientOf(service).deploy('bench', [benchModel('lead-routing.bpmn')]);
    for (const offered of rates) {
      await checkpointBeforeRun();
      const traceFile = traceDir ? join(traceDir, `openloop-${offered}-${Date.now()}.csv`) : undefined;
      const r = await runLoad<OpenLoopResult>({ kind: 'openloop', ...target(service), rate: offered, seconds, maxInFlight, warmup, traceFile });
      for (const message of r.errorSamples) errors.add(message);
      rows.push([offered, rate(r.achieved), r.latency.count, ms(r.latency.p50), ms(r.latency.p99), ms(r.latency.p999), ms(r.latency.max), r.errors, r.skipped, ms(r.eventLoopDelayMax)]);
      if (traceFile) console.log(`trace of ${offered}/s: ${traceFile}`);
    }
  } finally {
    await service.stop();
    await service.database?.drop();
  }
  printTable(`lead-routing round trip, open loop, ${seconds} s per rate, PostgreSQL + Redis (latency from the intended send time)`, [
    'offered /s', 'achieved /s', 'completed', 'p50 ms', 'p99 ms', 'p999 ms', 'max ms', 'errors', 'skipped (over max in flight)',
    'service event-loop delay max ms',
  ], rows);
  if (errors.size > 0) console.log(`errors seen: ${[...errors].join(' | ')}`);
}
