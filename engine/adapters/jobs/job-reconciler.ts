import type { EngineStore } from '../../core/ports/engine-store.js';
import type { JobDispatcher } from '../../core/ports/job-dispatcher.js';

/**
 * Re-dispatches job rows that are due (or nearly) and not locked: what a lost delivery, a Redis
 * flush, a partial loss of the queue's keys or a restart left behind. Harmless when the dispatcher
 * still has them.
 */
const BATCH = 5000;

export class JobReconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: EngineStore,
    private readonly dispatcher: JobDispatcher,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.reconcileOnce(), this.intervalMs);
    this.timer.unref();
    void this.reconcileOnce();
  }

  async reconcileOnce(): Promise<number> {
    if (this.running) {
      await this.running;
      return 0;
    }
    let count = 0;
    this.running = (async () => {
      try {
        const due = await this.store.findDispatchableJobs(this.intervalMs, BATCH);
        if (due.length > 0) await this.dispatcher.redispatch(due);
        count = due.length;
      } catch (error) {
        this.onError(error);
      }
    })();
    await this.running;
    this.running = null;
    return count;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
