import type { DispatchableJob, JobDispatcher, JobRunner } from '../../core/ports/job-dispatcher.js';

/**
 * For the embedded database: runs jobs in this process at their due time, a few at a time.
 * Nothing here is durable; the reconciler re-dispatches what is due from the job rows.
 */
export class InProcessDispatcher implements JobDispatcher {
  readonly kind = 'in-process';
  private runner: JobRunner | null = null;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  /** jobs running now, and those handed over again meanwhile (a failed run's retry): run once more after */
  private readonly inFlight = new Set<string>();
  private readonly again = new Set<string>();
  private running = 0;
  private idle: (() => void) | null = null;

  constructor(
    private readonly concurrency: number,
    private readonly clockOffsetMs: () => number = () => 0,
  ) {}

  async start(runner: JobRunner): Promise<void> {
    this.runner = runner;
  }

  async dispatch(jobs: readonly DispatchableJob[]): Promise<void> {
    const now = Date.now() + this.clockOffsetMs();
    for (const job of jobs) {
      const key = `${job.id}_${job.dueAt.getTime()}`;
      if (this.timers.has(key) || (this.queued.has(job.id) && !this.inFlight.has(job.id))) continue;
      const delay = job.dueAt.getTime() - now;
      if (delay <= 0) {
        this.enqueue(job.id);
        continue;
      }
      // a timer far in the future is left to the reconciler (setTimeout cannot wait that long)
      if (delay > 2 ** 31 - 1) continue;
      const timer = setTimeout(() => {
        this.timers.delete(key);
        this.enqueue(job.id);
      }, delay);
      timer.unref();
      this.timers.set(key, timer);
    }
  }

  /** nothing here outlives the process, so nothing of a lost delivery is left to clear */
  async redispatch(jobs: readonly DispatchableJob[]): Promise<void> {
    await this.dispatch(jobs);
  }

  async stop(): Promise<void> {
    this.runner = null;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    this.queued.clear();
    this.again.clear();
    if (this.running > 0) await new Promise<void>((resolve) => (this.idle = resolve));
  }

  async check(): Promise<{ ok: boolean }> {
    return { ok: true };
  }

  private enqueue(jobId: string): void {
    if (!this.runner) return;
    if (this.inFlight.has(jobId)) {
      this.again.add(jobId);
      return;
    }
    if (this.queued.has(jobId)) return;
    this.queued.add(jobId);
    this.queue.push(jobId);
    this.pump();
  }

  private pump(): void {
    while (this.runner && this.running < this.concurrency && this.queue.length > 0) {
      const jobId = this.queue.shift()!;
      this.running++;
      this.inFlight.add(jobId);
      const runner = this.runner;
      void runner(jobId)
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.queued.delete(jobId);
          this.inFlight.delete(jobId);
          if (this.again.delete(jobId)) this.enqueue(jobId);
          if (this.running === 0 && this.idle) this.idle();
          this.pump();
        });
    }
  }
}
