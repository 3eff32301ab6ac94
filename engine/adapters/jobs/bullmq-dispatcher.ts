import { createPostgresBackend, Queue, withBackend, Worker } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { DispatchableJob, JobDispatcher, JobRunner } from '../../core/ports/job-dispatcher.js';
import { withTimeout } from '../../core/shared/with-timeout.js';

const QUEUE = 'engine-jobs';
/**
 * While Redis is unreachable its client holds commands until it is back: a command must not wait
 * for that. A hand-over that times out is logged and left to the reconciler (the row is committed);
 * the held command still runs on reconnect, which the job id makes harmless.
 */
const DISPATCH_TIMEOUT_MS = 2000;
const CHECK_TIMEOUT_MS = 1000;
/** how many deliveries the reconciler checks at once */
const REDISPATCH_CHUNK = 100;
/** BullMQ states from which a job is still going to be delivered ('active' is pending only while its worker holds its lock) */
const PENDING_STATES: ReadonlySet<string> = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);
/** how long a stopping node waits for the deliveries it is running to commit before it drops its connections */
const STOP_RUNS_TIMEOUT_MS = 30_000;
/** BullMQ's own default: how long a worker's lock on an active delivery lasts without renewal (renewed every half of it) */
const DEFAULT_DELIVERY_LOCK_MS = 30_000;

/** one BullMQ job per row and due time: a re-scheduled row is a new delivery, a repeated hand-over the same one */
function deliveryId(job: DispatchableJob): string {
  return `${job.id}_${job.dueAt.getTime()}`;
}

export interface BullmqSettings {
  readonly backend: { readonly kind: 'redis'; readonly url: string } | { readonly kind: 'postgres'; readonly url: string };
  readonly concurrency: number;
  readonly prefix: string;
  readonly clockOffsetMs?: () => number;
  /**
   * How long a worker's lock on a delivery lasts without renewal (BullMQ's lockDuration; renewed
   * every half of it): after a node dies, its active deliveries are handed over again by the
   * reconciler once this lapses. The engine passes JOB_LOCK_MS, the lock of the job rows.
   */
  readonly deliveryLockMs?: number;
}

/**
 * Hands job rows to BullMQ after commit, one BullMQ job per row and due time (the id makes a
 * repeated hand-over a no-op). The row stays the truth: the worker only passes its id on.
 */
export class BullmqDispatcher implements JobDispatcher {
  readonly kind: string;
  private readonly queue: Queue;
  /** the queue's own Redis client (none on the PostgreSQL backend), so that stopping can drop it rather than wait for a quit */
  private queueClient: Redis | null = null;
  private worker: Worker | null = null;
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly settings: BullmqSettings) {
    this.kind = settings.backend.kind === 'redis' ? 'bullmq-redis' : 'bullmq-postgres';
    this.queue = this.createQueue();
    // while Redis is away its client reports every reconnect attempt: /health and the failed hand-overs say it once
    this.queue.on('error', () => undefined);
  }

  async start(runner: JobRunner): Promise<void> {
    const processor = async (job: { data: { jobId: string } }) => {
      const run = runner(job.data.jobId);
      this.running.add(run);
      try {
        await run;
      } finally {
        this.running.delete(run);
      }
    };
    const options = {
      concurrency: this.settings.concurrency, prefix: this.settings.prefix, removeOnComplete: { count: 0 }, removeOnFail: { count: 0 },
      lockDuration: this.settings.deliveryLockMs ?? DEFAULT_DELIVERY_LOCK_MS,
    };
    if (this.settings.backend.kind === 'redis') {
      this.worker = new Worker(QUEUE, processor, { ...options, connection: redisConnection(this.settings.backend.url) });
    } else {
      const { Worker: PgWorker } = withBackend(createPostgresBackend);
      this.worker = new PgWorker(QUEUE, processor, { ...options, connection: { connectionString: this.settings.backend.url, migrate: true } }) as unknown as Worker;
    }
    this.worker.on('error', () => undefined);
  }

  async dispatch(jobs: readonly DispatchableJob[]): Promise<void> {
    await this.add(jobs, false);
  }

  /**
   * `overdueFirst`: at the head of the waiting list, not behind what was handed over since (a
   * lost delivery has waited longest already: behind a backlog it would wait as long again).
   */
  private async add(jobs: readonly DispatchableJob[], overdueFirst: boolean): Promise<void> {
    if (jobs.length === 0) return;
    const now = Date.now() + (this.settings.clockOffsetMs?.() ?? 0);
    await withTimeout(this.queue.addBulk(
      jobs.map((job) => ({
        name: 'run',
        data: { jobId: job.id },
        opts: {
          jobId: deliveryId(job),
          delay: Math.max(0, job.dueAt.getTime() - now),
          removeOnComplete: true,
          removeOnFail: true,
          ...(overdueFirst ? { lifo: true } : {}),
        },
      })),
    ), DISPATCH_TIMEOUT_MS, 'The job queue (BullMQ)');
  }

  /**
   * A delivery is pending when its record exists and sits in a set BullMQ delivers from, or is
   * active with its worker's lock held. A record outside every set (its set lost), left completed
   * or failed, or active without a lock (its worker died: BullMQ's own stall check would take up to
   * two more stall intervals, 30 s each, to move it back) would make BullMQ ignore a new add under
   * the same id: it is removed first (BullMQ refuses to remove a locked one, which then stays
   * pending). Without a record the add simply works (an id still in a set without its record is
   * delivered at most once more, and the row claim makes that harmless).
   */
  async redispatch(jobs: readonly DispatchableJob[]): Promise<void> {
    const lost = await withTimeout(this.findLost(jobs), DISPATCH_TIMEOUT_MS + jobs.length * 10, 'The job queue (BullMQ)');
    await this.add(lost, true);
  }

  private async findLost(jobs: readonly DispatchableJob[]): Promise<DispatchableJob[]> {
    const lost: DispatchableJob[] = [];
    for (let i = 0; i < jobs.length; i += REDISPATCH_CHUNK) {
      await Promise.all(jobs.slice(i, i + REDISPATCH_CHUNK).map(async (job) => {
        const id = deliveryId(job);
        const record = await this.queue.getJob(id);
        if (record) {
          const state = await this.queue.getJobState(id);
          if (PENDING_STATES.has(state)) return;
          // 0: a worker holds its lock (it runs, or is about to claim the row)
          if ((await this.queue.remove(id)) === 0 && state === 'active') return;
        }
        lost.push(job);
      }));
    }
    return lost;
  }

  /**
   * Takes no more deliveries, lets those running commit, then drops the connections. BullMQ's
   * graceful close (and ioredis' QUIT) waits for Redis: while Redis is away, or its clients are
   * still reconnecting after it came back, that wait never ends and the node could not stop.
   * Nothing is lost by dropping them: a delivery whose completion was not recorded is delivered
   * again once its lock lapses, and its row, already done, makes that a no-op.
   */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (worker) {
      await worker.pause(true);
      await withTimeout(Promise.allSettled([...this.running]), STOP_RUNS_TIMEOUT_MS, 'The running jobs').catch(() => undefined);
      await worker.close(true);
    }
    await this.queue.close();
    this.queueClient?.disconnect();
  }

  async check(): Promise<{ ok: boolean; detail?: string }> {
    try {
      await withTimeout(this.queue.getJobCounts('waiting'), CHECK_TIMEOUT_MS, 'Redis');
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** for tests: forget everything BullMQ holds, as a Redis flush would */
  async drain(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }

  private createQueue(): Queue {
    if (this.settings.backend.kind === 'redis') {
      // a client of our own is shared with the queue: BullMQ then leaves closing it to us
      this.queueClient = new Redis(redisConnection(this.settings.backend.url));
      this.queueClient.on('error', () => undefined);
      return new Queue(QUEUE, { prefix: this.settings.prefix, connection: this.queueClient });
    }
    const { Queue: PgQueue } = withBackend(createPostgresBackend);
    return new PgQueue(QUEUE, { prefix: this.settings.prefix, connection: { connectionString: this.settings.backend.url, migrate: true } }) as unknown as Queue;
  }
}

function redisConnection(url: string): Omit<RedisOptions, 'retryStrategy'> {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
