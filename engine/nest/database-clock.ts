import type { Clock } from '../core/ports/clock.js';

/**
 * Time aligned with the database's clock, which claims and locks are measured against.
 * The offset is measured at start and refreshed now and then.
 */
export class DatabaseClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  async align(databaseNow: () => Promise<Date>): Promise<void> {
    const before = Date.now();
    const dbNow = (await databaseNow()).getTime();
    const after = Date.now();
    this.offsetMs = dbNow - Math.round((before + after) / 2);
  }
}
