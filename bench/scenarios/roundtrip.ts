import { runLoad, type RoundTripResult } from '../load-jobs.js';
import { benchModel, clientOf, envList, envNumber, target } from '../models.js';
import { checkpointBeforeRun } from '../scratch-database.js';
import { ServiceProcess, type Backend } from '../service.js';
import type { CpuPerRoundTrip } from '../process-cpu.js';
import { ms, printTable, rate } from '../table.js';

export interface RoundTripOptions {
  readonly concurrencies: readonly number[];
  readonly backends: readonly Backend[];
}

/**
 * (a) The lead-routing round trip through REST (start with an amount, GET /task?processInstanceId,
 * complete), closed loop: each client sends its next round trip when the last one ended.
 * BENCH_INSTANCES round trips per concurrency level, after BENCH_WARMUP; bpmn-engine runs the
 * same model at the same concurrency in another process right after each row, for the ratio.
 */
export async function roundTrip(options: RoundTripOptions): Promise<void> {
  const total = envNumber('BENCH_INSTANCES', 2000);
  const warmup = envNumber('BENCH_WARMUP', 200);
  const concurrencies = envList('BENCH_CONCURRENCY', options.concurrencies);
  const backends = (process.env['BENCH_BACKENDS']?.split(',') as Backend[] | undefined) ?? options.backends;
  const rows: (string | number)[][] = [];
  // right after each row, so both see the same load on a shared machine
  const bpmnEngineRate = async (concurrency: number): Promise<number | null> =>
    process.env['BENCH_SKIP_COMPARISON'] === 'true'
      ? null
      : (await runLoad<{ rate: number }>({ kind: 'bpmn-engine', rest: '', authorization: '', total, concurrency, warmup })).rate;
  for (const backend of backends) {
    const service = await ServiceProcess.start(backend);
    try {
      await clientOf(service).deploy('bench', [benchModel('lead-routing.bpmn')]);
      for (const concurrency of concurrencies) {
        if (backend === 'postgres') await checkpointBeforeRun();
        const result = await runLoad<RoundTripResult>({ kind: 'roundtrip', ...target(service), total, concurrency, warmup, servicePid: service.pid });
        const reference = await bpmnEngineRate(concurrency);
        rows.push([
          backend === 'postgres' ? 'PostgreSQL + Redis' : 'PGlite (embedded)', concurrency, rate(result.rate),
          `${ms(result.roundTrip.p50)} / ${ms(result.roundTrip.p99)}`, `${ms(result.start.p50)} / ${ms(result.start.p99)}`,
          `${ms(result.complete.p50)} / ${ms(result.complete.p99)}`, reference ? rate(reference) : '-', reference ? (result.rate / reference).toFixed(2) : '-',
          cpuColumn(result.cpu, backend),
        ]);
      }
    } finally {
      await service.stop();
      await service.database?.drop();
    }
  }
  printTable(`lead-routing round trip, closed loop, ${total} round trips per row`, [
    'backend', 'clients', 'round trips/s', 'round trip p50 / p99 ms', 'start p50 / p99 ms', 'complete p50 / p99 ms', 'bpmn-engine /s (same run)', 'ratio',
    'CPU ms per round trip: service / PostgreSQL / load generator',
  ], rows);
}

/** PostgreSQL's share only on the PostgreSQL backend (PGlite runs inside the service); '-' where /proc could not be read */
function cpuColumn(cpu: CpuPerRoundTrip | null | undefined, backend: Backend): string {
  if (!cpu) return '-';
  const postgres = backend === 'postgres' ? cpu.postgres.toFixed(2) : '-';
  return `${cpu.service.toFixed(2)} / ${postgres} / ${cpu.loadGenerator.toFixed(2)}`;
}
