import { Logger, type Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import { TimeOrderedIds } from '../adapters/ids/time-ordered-ids.js';
import { BullmqDispatcher } from '../adapters/jobs/bullmq-dispatcher.js';
import { DueJobPoller } from '../adapters/jobs/due-job-poller.js';
import { DueTimeDispatcher } from '../adapters/jobs/due-time-dispatcher.js';
import { InProcessDispatcher } from '../adapters/jobs/in-process-dispatcher.js';
import { JobReconciler } from '../adapters/jobs/job-reconciler.js';
import { openDatabase, type OpenedDatabase } from '../adapters/typeorm/data-source.js';
import { SqlBatchQueries } from '../adapters/typeorm/queries/sql-batch-queries.js';
import { SqlDecisionQueries } from '../adapters/typeorm/queries/sql-decision-queries.js';
import { SqlEngineQueries } from '../adapters/typeorm/queries/sql-engine-queries.js';
import { SqlEngineStore } from '../adapters/typeorm/sql-engine-store.js';
import { StatisticsCompactor } from '../adapters/typeorm/statistics-compactor.js';
import { Engine } from '../core/engine.js';
import type { JobDispatcher } from '../core/ports/job-dispatcher.js';
import { DatabaseClock } from './database-clock.js';
import { runPendingMigrations } from '../adapters/typeorm/migrate.js';
import type { EngineSettings } from './engine-settings.js';
import { ExternalTaskWaiters } from './external-task-waiters.js';
import { HandlerRegistry } from './handler-registry.js';
import { ExpressionGlobalRegistry } from './expression-global-registry.js';
import { describeJobBackend, jobBackendOf } from './job-backend.js';
import { COMMIT_COMPANIONS, DATABASE, ENGINE_SETTINGS } from './tokens.js';

export const JOB_DISPATCHER = Symbol('JOB_DISPATCHER');
export const ENGINE_QUERIES = Symbol('ENGINE_QUERIES');
export const BATCH_QUERIES = Symbol('BATCH_QUERIES');
export const DECISION_QUERIES = Symbol('DECISION_QUERIES');

const log = new Logger('Engine');

export const engineProviders: Provider[] = [
  {
    provide: DATABASE,
    inject: [ENGINE_SETTINGS],
    useFactory: async (settings: EngineSettings): Promise<OpenedDatabase> => {
      const opened = await openDatabase({
        url: settings.databaseUrl,
        dataDir: settings.dataDir,
        ...(settings.databasePoolSize ? { poolSize: settings.databasePoolSize } : {}),
        migrations: settings.migrations,
        entities: settings.entities,
      });
      log.debug(opened.kind === 'postgres' ? `Database: PostgreSQL at ${opened.location}` : `Database: embedded PGlite in ${opened.location}`);
      const applied = await runPendingMigrations(opened);
      if (applied.length > 0) log.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
      return opened;
    },
  },
  {
    provide: SqlEngineStore,
    inject: [DATABASE, ENGINE_SETTINGS],
    useFactory: (db: OpenedDatabase, settings: EngineSettings) => new SqlEngineStore(db.dataSource, settings.recentInstances),
  },
  {
    provide: COMMIT_COMPANIONS,
    inject: [SqlEngineStore],
    useFactory: (store: SqlEngineStore) => store.companions,
  },
  {
    provide: ENGINE_QUERIES,
    inject: [DATABASE, SqlEngineStore, ENGINE_SETTINGS],
    useFactory: (db: OpenedDatabase, store: SqlEngineStore, settings: EngineSettings) => new SqlEngineQueries(db.dataSource, store.graphs, settings.businessKeyRecords, settings.historyLevel),
  },
  {
    provide: DECISION_QUERIES,
    inject: [DATABASE, ENGINE_SETTINGS],
    useFactory: (db: OpenedDatabase, settings: EngineSettings) => new SqlDecisionQueries(db.dataSource, settings.businessKeyRecords),
  },
  {
    provide: BATCH_QUERIES,
    inject: [DATABASE],
    useFactory: (db: OpenedDatabase) => new SqlBatchQueries(db.dataSource),
  },
  {
    provide: DatabaseClock,
    inject: [SqlEngineStore],
    useFactory: async (store: SqlEngineStore) => {
      const clock = new DatabaseClock();
      await clock.align(() => store.databaseNow());
      return clock;
    },
  },
  {
    provide: DueJobPoller,
    inject: [ENGINE_SETTINGS, SqlEngineStore, DatabaseClock],
    useFactory: (settings: EngineSettings, store: SqlEngineStore, clock: DatabaseClock) =>
      new DueJobPoller(store, settings.workerId, {
        concurrency: settings.jobPollConcurrency ?? settings.jobConcurrency,
        batch: settings.jobPollBatch ?? 50,
        group: settings.jobPollGroup ?? 1,
        lockMs: settings.jobLockMs,
        idleMs: settings.reconcileMs,
        clockOffsetMs: () => clock.offset,
      }, (error) => log.warn(`Running due jobs failed: ${String(error)}`)),
  },
  {
    provide: JOB_DISPATCHER,
    inject: [ENGINE_SETTINGS, DatabaseClock, DueJobPoller],
    useFactory: async (settings: EngineSettings, clock: DatabaseClock, poller: DueJobPoller): Promise<JobDispatcher> => {
      const backend = jobBackendOf(settings);
      if (backend.kind === 'redis') await assertRedisReachable(backend.url);
      // the start-up summary (app/startup-summary.ts) says this at info level
      log.debug(`Jobs: ${describeJobBackend(backend)}`);
      const queue = backend.kind === 'in-process'
        ? new InProcessDispatcher(settings.jobConcurrency, () => clock.offset)
        : new BullmqDispatcher({ backend: { kind: backend.kind, url: backend.url }, concurrency: settings.jobConcurrency, prefix: settings.queuePrefix, clockOffsetMs: () => clock.offset, deliveryLockMs: settings.jobLockMs });
      return new DueTimeDispatcher(queue, poller, () => clock.offset);
    },
  },
  {
    provide: Engine,
    inject: [ENGINE_SETTINGS, SqlEngineStore, JOB_DISPATCHER, DatabaseClock, HandlerRegistry, ExternalTaskWaiters, ExpressionGlobalRegistry],
    useFactory: (settings: EngineSettings, store: SqlEngineStore, dispatcher: JobDispatcher, clock: DatabaseClock, handlers: HandlerRegistry, waiters: ExternalTaskWaiters, expressionGlobals: ExpressionGlobalRegistry) =>
      new Engine({
        store,
        dispatcher,
        clock,
        // time-ordered (UUIDv7): new rows land at the right edge of each id index instead of on a
        // random leaf, so fewer index pages are touched and written to the WAL after each checkpoint
        ids: new TimeOrderedIds(),
        handlers,
        expressionGlobals,
        workerId: settings.workerId,
        jobLockMs: settings.jobLockMs,
        historyLevel: settings.historyLevel,
        limits: {
          maxBytes: settings.maxDeploymentBytes,
          maxElements: settings.maxDeploymentElements,
          maxAttributes: settings.maxDeploymentAttributes,
          maxElementAttributes: settings.maxDeploymentElementAttributes,
          maxDepth: settings.maxDeploymentDepth,
          maxParseMs: settings.maxDeploymentParseMs,
        },
        monotonicMs: () => performance.now(),
        listener: {
          externalTasksCreated: (topics) => waiters.notify(topics),
          dispatchFailed: (error) => log.warn(`Could not hand jobs to the dispatcher; the reconciler will: ${String(error)}`),
        },
      }),
  },
  {
    provide: JobReconciler,
    inject: [ENGINE_SETTINGS, SqlEngineStore, JOB_DISPATCHER],
    useFactory: (settings: EngineSettings, store: SqlEngineStore, dispatcher: JobDispatcher) =>
      new JobReconciler(store, dispatcher, settings.reconcileMs, (error) => log.warn(`Job reconciliation failed: ${String(error)}`)),
  },
  {
    provide: StatisticsCompactor,
    inject: [ENGINE_SETTINGS, DATABASE],
    useFactory: (settings: EngineSettings, db: OpenedDatabase) =>
      new StatisticsCompactor(db.dataSource, settings.statisticsCompactMs ?? 5000, { vacuum: db.kind === 'pglite' }, (error) =>
        log.warn(`Statistics compaction failed: ${String(error)}`)),
  },
  HandlerRegistry,
  ExpressionGlobalRegistry,
  ExternalTaskWaiters,
];

async function assertRedisReachable(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Cannot reach Redis at REDIS_URL (${new URL(url).host}): ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    redis.disconnect();
  }
}
