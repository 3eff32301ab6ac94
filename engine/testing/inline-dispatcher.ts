import type { DispatchableJob, JobDispatcher, JobRunner } from '../core/ports/job-dispatcher.js';

/** Collects dispatched jobs; the harness runs them when the manual clock says they are due. */
export class InlineDispatcher implements JobDispatcher {
  readonly kind = 'inline';
  readonly dispatched: DispatchableJob[] = [];
  runner: JobRunner | null = null;

  async start(runner: JobRunner): Promise<void> {
    this.runner = runner;
  }

  async dispatch(jobs: readonly DispatchableJob[]): Promise<void> {
    this.dispatched.push(...jobs);
  }

  async redispatch(jobs: readonly DispatchableJob[]): Promise<void> {
    await this.dispatch(jobs);
  }

  async stop(): Promise<void> {
    this.runner = null;
  }

  async check(): Promise<{ ok: boolean }> {
    return { ok: true };
  }
}
