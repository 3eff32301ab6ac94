import type { Clock } from '../core/ports/clock.js';

/**
 * Time aligned with the database's clock, which claims and locks are measured against.
 * The offset is measured once, at start.
 */
export class DatabaseClock implements Clock {
  private offsetMs = 0;

  /** `localNow`: this machine's clock, which may be off by any amount (Date.now; a spec skews it) */
  constructor(private readonly localNow: () => number = Date.now) {}

  now(): Date {
    return new Date(this.localNow() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  async align(databaseNow: () => Promise<Date>): Promise<void> {
    const before = this.localNow();
    const dbNow = (await databaseNow()).getTime();
    const after = this.localNow();
    this.offsetMs = dbNow - Math.round((before + after) / 2);
  }
}
