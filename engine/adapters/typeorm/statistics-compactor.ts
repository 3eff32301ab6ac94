import type { DataSource } from 'typeorm';
import { compactStatistics } from './statistics-counts.js';

/**
 * Compacts the statistics' deltas now and then (statistics-counts.ts), so that a read sums the
 * base rows and a few seconds of deltas. Every node runs one; the advisory lock lets one at a time
 * do the work, and a compaction cut short undoes itself.
 */
export class StatisticsCompactor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly intervalMs: number,
    private readonly options: { readonly vacuum: boolean },
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.compactOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** one compaction (none while one is running): how many deltas it moved, null when another node held the lock */
  async compactOnce(): Promise<number | null> {
    if (this.running) return null;
    const run = compactStatistics(this.dataSource, this.options).catch((error: unknown) => {
      this.onError(error);
      return null;
    });
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = null;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
