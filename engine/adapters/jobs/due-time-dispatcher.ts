import type { DispatchableJob, JobDispatcher, JobRunner } from '../../core/ports/job-dispatcher.js';
import type { DueJobPoller } from './due-job-poller.js';

/**
 * Hands a job due later (a timer, a retry after its interval) to nobody but the due-job poller,
 * which claims the rows themselves by due time: no queue entry per timer. A job due now (an async
 * continuation) still goes to the queue, delivered at once. The reconciler's due rows go to the
 * poller too, as it sweeps every due, unlocked row itself (a lost delivery, a dead node's claim,
 * rows written around the engine).
 */
export class DueTimeDispatcher implements JobDispatcher {
  readonly kind: string;

  constructor(
    private readonly queue: JobDispatcher,
    private readonly poller: DueJobPoller,
    private readonly clockOffsetMs: () => number = () => 0,
  ) {
    this.kind = queue.kind;
  }

  start(runner: JobRunner): Promise<void> {
    return this.queue.start(runner);
  }

  async dispatch(jobs: readonly DispatchableJob[]): Promise<void> {
    const now = Date.now() + this.clockOffsetMs();
    const later = jobs.filter((job) => job.dueAt.getTime() > now);
    this.notify(later);
    if (later.length < jobs.length) await this.queue.dispatch(jobs.filter((job) => job.dueAt.getTime() <= now));
  }

  async redispatch(jobs: readonly DispatchableJob[]): Promise<void> {
    this.notify(jobs);
  }

  stop(): Promise<void> {
    return this.queue.stop();
  }

  check(): Promise<{ ok: boolean; detail?: string }> {
    return this.queue.check();
  }

  private notify(jobs: readonly DispatchableJob[]): void {
    if (jobs.length === 0) return;
    this.poller.notify(new Date(jobs.reduce((earliest, job) => Math.min(earliest, job.dueAt.getTime()), Number.POSITIVE_INFINITY)));
  }
}
