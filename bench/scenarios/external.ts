import { runLoad, type ExternalResult } from '../load-jobs.js';
import { benchModel, clientOf, envNumber, target } from '../models.js';
import { ServiceProcess } from '../service.js';
import { ms, printTable, rate } from '../table.js';

/**
 * (c) Straight-through external tasks with the worker protocol: BENCH_INSTANCES starts by
 * BENCH_STARTERS clients, while BENCH_WORKERS workers long-poll POST /external-task/fetchAndLock
 * (maxTasks BENCH_MAX_TASKS) and complete each task they locked, on PostgreSQL + Redis.
 */
export async function externalTasks(): Promise<void> {
  const total = envNumber('BENCH_INSTANCES', 2000);
  const starters = envNumber('BENCH_STARTERS', 16);
  const workers = envNumber('BENCH_WORKERS', 4);
  const maxTasks = envNumber('BENCH_MAX_TASKS', 10);
  const service = await ServiceProcess.start('postgres');
  let result: ExternalResult;
  try {
    await clientOf(service).deploy('bench', [benchModel('external.bpmn')]);
    await runLoad({ kind: 'external', ...target(service), total: 100, starters, workers, maxTasks });
    result = await runLoad<ExternalResult>({ kind: 'external', ...target(service), total, starters, workers, maxTasks });
  } finally {
    await service.stop();
    await service.database?.drop();
  }
  printTable(`straight-through external task (start, fetchAndLock, complete), PostgreSQL + Redis, ${total} instances`, [
    'starters', 'workers', 'maxTasks', 'completed instances/s', 'start → completed p50 ms', 'p99 ms', 'max ms',
  ], [[starters, workers, maxTasks, rate(result.rate), ms(result.latency.p50), ms(result.latency.p99), ms(result.latency.max)]]);
}
