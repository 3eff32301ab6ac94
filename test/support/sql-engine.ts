import { randomUUID } from 'node:crypto';
import { BullmqDispatcher } from '../../engine/adapters/jobs/bullmq-dispatcher.js';
import { InProcessDispatcher } from '../../engine/adapters/jobs/in-process-dispatcher.js';
import { JobReconciler } from '../../engine/adapters/jobs/job-reconciler.js';
import { SqlEngineStore } from '../../engine/adapters/typeorm/sql-engine-store.js';
import type { BatchSizing } from '../../engine/core/batches/batch-commands.js';
import { Engine } from '../../engine/core/engine.js';
import type { JobDispatcher } from '../../engine/core/ports/job-dispatcher.js';
import type { ServiceTaskHandler } from '../../engine/core/ports/service-task-handler.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

export interface SqlEngineFixture {
  readonly db: TestDatabase;
  readonly store: SqlEngineStore;
  readonly engine: Engine;
  readonly dispatcher: JobDispatcher;
  /** BullMQ's key prefix on Redis (null with the in-process dispatcher) */
  readonly queuePrefix: string | null;
  readonly reconciler: JobReconciler;
  readonly handlers: Map<string, ServiceTaskHandler>;
  /** starts dispatch: jobs run as they fall due */
  startJobs(): Promise<void>;
  close(): Promise<void>;
}

export interface SqlEngineOptions {
  readonly reconcileMs?: number;
  readonly batches?: Partial<BatchSizing>;
  /** what the engine hands its jobs to after commit (e.g. a queue that loses them); the reconciler uses the real one */
  readonly engineDispatcher?: (dispatcher: JobDispatcher) => JobDispatcher;
}

/**
 * An engine on a fresh test database with the job backend production would use:
 * BullMQ on Redis with REDIS_URL, else the in-process dispatcher.
 */
export async function openSqlEngine(options: SqlEngineOptions = {}): Promise<SqlEngineFixture> {
  const db = await openTestDatabase();
  const store = new SqlEngineStore(db.dataSource);
  const handlers = new Map<string, ServiceTaskHandler>();
  const redisUrl = process.env['REDIS_URL'];
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  const dispatcher: JobDispatcher = redisUrl
    ? new BullmqDispatcher({ backend: { kind: 'redis', url: redisUrl }, concurrency: 4, prefix })
    : new InProcessDispatcher(4);
  const engine = new Engine({
    store,
    dispatcher: options.engineDispatcher?.(dispatcher) ?? dispatcher,
    batches: options.batches,
    clock: { now: () => new Date() },
    ids: { next: () => randomUUID() },
    handlers: { handlerFor: (topic) => handlers.get(topic) },
    workerId: `test-${process.pid}`,
    jobLockMs: 60_000,
  });
  const reconciler = new JobReconciler(store, dispatcher, options.reconcileMs ?? 500, () => undefined);
  let started = false;
  return {
    db,
    store,
    engine,
    dispatcher,
    queuePrefix: redisUrl ? prefix : null,
    reconciler,
    handlers,
    async startJobs() {
      started = true;
      await dispatcher.start(async (jobId) => {
        await engine.jobs.execute(jobId);
      });
      reconciler.start();
    },
    async close() {
      await reconciler.stop();
      if (started) await dispatcher.stop();
      else await dispatcher.stop().catch(() => undefined);
      if (dispatcher instanceof BullmqDispatcher) await dispatcher.drain().catch(() => undefined);
      await db.close();
    },
  };
}

/** polls until the check passes or the time is up */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
