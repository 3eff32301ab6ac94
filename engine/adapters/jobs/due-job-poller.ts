import type { InstanceSnapshot } from '../../core/execution/instance-aggregate.js';
import type { JobRecord } from '../../core/execution/records.js';
import type { ClaimedJob } from '../../core/jobs/job-executor.js';
import type { EngineStore } from '../../core/ports/engine-store.js';

export interface DueJobPollerSettings {
  /** jobs run at once */
  readonly concurrency: number;
  /** rows claimed per statement */
  readonly batch: number;
  /** at most this many claimed jobs go to a runner at once (committed together where they can be) */
  readonly group?: number;
  /** the claim's lock (JOB_LOCK_MS); a claimed job not started within half of it is left for its lock to lapse */
  readonly lockMs: number;
  /** the longest sleep without a look at the rows (jobs committed by other nodes, locks of dead nodes lapsing) */
  readonly idleMs: number;
  /** this node's offset to the database's clock, which due times are in */
  readonly clockOffsetMs?: () => number;
}

/** how long an empty claim waits when the next due row is due already (held by another transaction) */
const LOCKED_ROWS_PAUSE_MS = 20;

type PollingStore = Pick<EngineStore, 'claimDueJobs' | 'loadInstances' | 'msUntilNextDueJob'>;

/** runs claimed jobs, each with its instance as read after the claim, when there is one */
export type ClaimedJobRunner = (claims: readonly ClaimedJob[]) => Promise<unknown>;

interface Claimed {
  readonly job: JobRecord;
  readonly instance?: InstanceSnapshot;
  readonly claimedAt: number;
}

/**
 * Runs due job rows straight from the database: claims the earliest due ones in batches (one
 * statement per batch, `FOR UPDATE SKIP LOCKED`, so nodes never wait on each other) and runs them,
 * `concurrency` at a time. With nothing due it sleeps until the next due time (asked of the rows,
 * at most `idleMs`), or until `notify` says a job committed here falls due earlier. The rows stay
 * the truth: a claim is a lock that lapses, so a node that dies leaves its claims to the others.
 */
export class DueJobPoller {
  private readonly buffer: Claimed[] = [];
  private active = 0;
  private stopped = true;
  private loop: Promise<void> | null = null;
  /** the filler's sleep: when it ends (node clock, ms) and how to end it early */
  private sleepUntil = Number.POSITIVE_INFINITY;
  /** a due time notified while the filler was awake: its next sleep ends then at the latest */
  private notifiedDue = Number.POSITIVE_INFINITY;
  private sleepTimer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private drained: (() => void) | null = null;

  constructor(
    private readonly store: PollingStore,
    private readonly owner: string,
    private readonly settings: DueJobPollerSettings,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(run: ClaimedJobRunner): void {
    this.stopped = false;
    this.loop = this.fill(run);
  }

  /** a job falls due at `dueAt` (database time): wake then, if the poller sleeps longer */
  notify(dueAt: Date): void {
    if (this.stopped) return;
    const at = dueAt.getTime() - (this.settings.clockOffsetMs?.() ?? 0);
    if (!this.wake) this.notifiedDue = Math.min(this.notifiedDue, at);
    else if (at < this.sleepUntil) this.retime(at);
  }

  /** stops claiming; what is claimed already still runs (its rows are locked for this node) */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    if (this.active > 0 || this.buffer.length > 0) await new Promise<void>((resolve) => (this.drained = resolve));
  }

  private async fill(run: ClaimedJobRunner): Promise<void> {
    while (!this.stopped) {
      // topped up while the runners still have work: they never wait for a claim
      if (this.buffer.length >= this.settings.concurrency) {
        await this.sleep(Number.POSITIVE_INFINITY);
        continue;
      }
      try {
        const claimed = await this.store.claimDueJobs(this.owner, this.settings.lockMs, this.settings.batch);
        if (claimed.length > 0) {
          const now = Date.now();
          const instances = await this.instancesOf(claimed);
          for (const job of claimed) {
            // one command per snapshot: a second job of the instance reads it after the first one's commit
            const instance = instances.get(job.processInstanceId ?? '');
            instances.delete(job.processInstanceId ?? '');
            this.buffer.push({ job, instance, claimedAt: now });
          }
          this.pump(run);
          // a full batch: more may be due; a partial one took all that could be claimed
          if (claimed.length === this.settings.batch) continue;
        }
        const untilDue = await this.store.msUntilNextDueJob();
        if (this.stopped) break;
        // rows another transaction holds (a claim, a commit in flight) count as due but cannot be claimed: pause, not spin
        const pause = claimed.length === 0 ? LOCKED_ROWS_PAUSE_MS : 0;
        await this.sleep(Math.max(pause, Math.min(untilDue ?? this.settings.idleMs, this.settings.idleMs)));
      } catch (error) {
        this.onError(error);
        await this.sleep(Math.min(1000, this.settings.idleMs));
      }
    }
  }

  /**
   * the claimed jobs' instances in one read, each read after its job was claimed (so it shows the
   * claim); without them each job's command reads its instance itself
   */
  private async instancesOf(jobs: readonly JobRecord[]): Promise<Map<string, InstanceSnapshot>> {
    const ids = [...new Set(jobs.flatMap((job) => (job.processInstanceId ? [job.processInstanceId] : [])))];
    try {
      return new Map((await this.store.loadInstances(ids)).map((snapshot) => [snapshot.instance.id, snapshot]));
    } catch (error) {
      this.onError(error);
      return new Map();
    }
  }

  /**
   * Hands the buffer to the free runners: with more due than runners, several jobs to each (up to
   * `group`), so a backlog of timers commits in a few joint writes instead of one write per timer.
   */
  private pump(run: ClaimedJobRunner): void {
    while (this.active < this.settings.concurrency && this.buffer.length > 0) {
      const share = Math.ceil(this.buffer.length / (this.settings.concurrency - this.active));
      const size = Math.max(1, Math.min(this.settings.group ?? 1, share));
      const now = Date.now();
      // a claim may lapse before it commits: another node may have it by then (its commit would lose anyway)
      const claims = this.buffer.splice(0, size).filter(({ claimedAt }) => now - claimedAt <= this.settings.lockMs / 2);
      if (claims.length === 0) continue;
      this.active++;
      void run(claims.map(({ job, instance }) => (instance ? { job, instance } : { job })))
        .catch((error: unknown) => this.onError(error))
        .finally(() => {
          this.active--;
          this.pump(run);
          if (this.buffer.length < this.settings.concurrency && !this.stopped) this.wake?.();
          if (this.active === 0 && this.buffer.length === 0) this.drained?.();
        });
    }
  }

  /** resolves after `ms` or at the earliest due time notified meanwhile, or earlier on `wake` */
  private sleep(ms: number): Promise<void> {
    const until = Math.min(Date.now() + ms, this.notifiedDue);
    this.notifiedDue = Number.POSITIVE_INFINITY;
    return new Promise<void>((resolve) => {
      this.wake = () => {
        if (this.sleepTimer) clearTimeout(this.sleepTimer);
        this.sleepTimer = null;
        this.sleepUntil = Number.POSITIVE_INFINITY;
        this.wake = null;
        resolve();
      };
      this.retime(until);
    });
  }

  private retime(until: number): void {
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.sleepTimer = null;
    this.sleepUntil = until;
    if (!Number.isFinite(until)) return;
    const wake = this.wake!;
    this.sleepTimer = setTimeout(() => wake(), Math.max(0, until - Date.now()));
    this.sleepTimer.unref();
  }
}
