import { runLoad } from '../load-jobs.js';
import { benchModel, clientOf, envNumber, target } from '../models.js';
import { ServiceProcess, type MemoryUsage } from '../service.js';
import { printTable } from '../table.js';

/**
 * (g) Memory per waiting instance in the service: RSS and heap after a full GC (memory-probe.ts),
 * before and after parking BENCH_MEMORY_INSTANCES lead-routing instances at their user task
 * through the API, twice; state lives in the database, so the difference should be about 0.
 */
export async function memoryPerInstance(): Promise<void> {
  const count = envNumber('BENCH_MEMORY_INSTANCES', 5000);
  const service = await ServiceProcess.start('postgres');
  const rows: (string | number)[][] = [];
  try {
    await clientOf(service).deploy('bench', [benchModel('lead-routing.bpmn')]);
    const variables = (n: number) => Array.from({ length: n }, (_, i) => ({ amount: { value: i % 2 === 0 ? 250000 : 5000, type: 'Integer' } }));
    // warm the code paths first, so the JIT and pools are not counted as instances
    await runLoad({ kind: 'start', ...target(service), key: 'bench_lead_routing', concurrency: 16, variables: variables(500) });
    let before = await service.memory();
    rows.push(row('after 500 warm-up instances', 500, before, before, 0));
    let parked = 500;
    for (const round of [1, 2]) {
      await runLoad({ kind: 'start', ...target(service), key: 'bench_lead_routing', concurrency: 16, variables: variables(count) });
      parked += count;
      const after = await service.memory();
      rows.push(row(`after parking ${count} more (round ${round})`, parked, after, before, count));
      before = after;
    }
  } finally {
    await service.stop();
    await service.database?.drop();
  }
  printTable('service memory after a full GC, instances parked at a user task (PostgreSQL + Redis)', [
    'moment', 'waiting instances', 'RSS MiB', 'heap used MiB', 'Δ RSS per new instance', 'Δ heap per new instance',
  ], rows);
}

function row(moment: string, waiting: number, now: MemoryUsage, before: MemoryUsage, added: number): (string | number)[] {
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const per = (delta: number) => (added === 0 ? '-' : `${(delta / added).toFixed(0)} B`);
  return [moment, waiting, mib(now.rss), mib(now.heapUsed), per(now.rss - before.rss), per(now.heapUsed - before.heapUsed)];
}
