import { runLoad, type RoundTripResult } from '../load-jobs.js';
import { benchModel, clientOf, envList, envNumber, target } from '../models.js';
import { createScratchDatabase, withClient } from '../scratch-database.js';
import { ServiceProcess } from '../service.js';
import { ms, printTable, rate } from '../table.js';

/** what history says went wrong: every count here must be 0 */
const DUPLICATES_SQL = `
  SELECT
    (SELECT count(*) FROM (SELECT process_instance_id FROM engine.hist_activity_instance WHERE activity_id = 'end'
       GROUP BY process_instance_id HAVING count(*) > 1) d)::int AS ended_twice,
    (SELECT count(*) FROM (SELECT process_instance_id FROM engine.hist_task
       GROUP BY process_instance_id HAVING count(*) > 1) d)::int AS tasks_twice,
    (SELECT count(*) FROM engine.hist_process_instance WHERE state <> 'COMPLETED')::int AS not_completed,
    (SELECT count(*) FROM engine.job)::int AS jobs_left,
    (SELECT count(*) FROM engine.hist_process_instance)::int AS instances`;

interface Verdict {
  readonly ended_twice: number;
  readonly tasks_twice: number;
  readonly not_completed: number;
  readonly jobs_left: number;
  readonly instances: number;
}

/**
 * Several nodes on one PostgreSQL and one Redis: N service processes (1, 2, 3) on the same database
 * and queue, each driven by its own load generator with an equal share of the clients; completed
 * round trips/s together, and afterwards, from history, that nothing happened twice.
 */
export async function cluster(): Promise<void> {
  const total = envNumber('BENCH_INSTANCES', 2000);
  const warmup = envNumber('BENCH_WARMUP', 200);
  const concurrency = envNumber('BENCH_CONCURRENCY', 32);
  const rows: (string | number)[][] = [];
  for (const nodes of envList('BENCH_NODES', [1, 2, 3])) {
    const database = await createScratchDatabase(`cluster${nodes}`);
    const services: ServiceProcess[] = [];
    try {
      // one after the other: the first migrates (the others would wait on its lock anyway)
      for (let i = 0; i < nodes; i++) services.push(await ServiceProcess.start('postgres', { database }));
      await clientOf(services[0]!).deploy('bench', [benchModel('lead-routing.bpmn')]);
      const shares = services.map((service) => runLoad<RoundTripResult>({
        kind: 'roundtrip', ...target(service), total: Math.ceil(total / nodes), concurrency: Math.max(1, Math.round(concurrency / nodes)), warmup: Math.ceil(warmup / nodes),
      }));
      const results = await Promise.all(shares);
      const verdict = await withClient(database.url, async (client) => (await client.query<Verdict>(DUPLICATES_SQL)).rows[0]!);
      const slowest = results.reduce((a, b) => (a.roundTrip.p99 > b.roundTrip.p99 ? a : b));
      rows.push([
        nodes, concurrency, rate(results.reduce((sum, r) => sum + r.rate, 0)),
        `${ms(Math.max(...results.map((r) => r.roundTrip.p50)))} / ${ms(slowest.roundTrip.p99)}`,
        verdict.instances, verdict.ended_twice, verdict.tasks_twice, verdict.not_completed, verdict.jobs_left,
      ]);
    } finally {
      for (const service of services) await service.stop();
      await database.drop();
    }
  }
  printTable(`lead-routing round trip on N nodes sharing PostgreSQL + Redis, ${total} round trips per row (+ warm-up)`, [
    'nodes', 'clients', 'round trips/s (sum)', 'round trip p50 / p99 ms (worst node)', 'instances', 'ended twice', 'task twice', 'not completed', 'jobs left',
  ], rows);
}
