export interface LimiterOptions {
  /** one row per key within this time */
  readonly windowMs: number;
  /** at most this many rows per window over all keys */
  readonly ceiling: number;
  readonly now?: () => number;
}

export type Admission = { readonly record: true; readonly skippedBefore: number } | { readonly record: false; readonly overCeiling: boolean };

/** keys whose last row is older than this are forgotten (with their count of skipped events) */
const FORGET_AFTER_WINDOWS = 60;

/**
 * Decides which of many similar events (failed sign-ins of one account) get a row: the first of a
 * key in each window, and no more than `ceiling` rows per window over all keys. A recorded row
 * carries how many events of its key were skipped since the previous row, so nothing is hidden,
 * only summed up. In memory: each node of a cluster limits on its own.
 */
export class RecordingLimiter {
  private readonly lastRecorded = new Map<string, { at: number; skipped: number }>();
  private windowStart = Number.NEGATIVE_INFINITY;
  private recordedInWindow = 0;
  private readonly now: () => number;

  constructor(private readonly options: LimiterOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  admit(key: string): Admission {
    const now = this.now();
    if (now - this.windowStart >= this.options.windowMs) this.startWindow(now);
    const last = this.lastRecorded.get(key);
    if (last && now - last.at < this.options.windowMs) {
      last.skipped += 1;
      return { record: false, overCeiling: false };
    }
    if (this.recordedInWindow >= this.options.ceiling) {
      if (last) last.skipped += 1;
      return { record: false, overCeiling: true };
    }
    this.recordedInWindow += 1;
    this.lastRecorded.set(key, { at: now, skipped: 0 });
    return { record: true, skippedBefore: last?.skipped ?? 0 };
  }

  private startWindow(now: number): void {
    this.windowStart = now;
    this.recordedInWindow = 0;
    for (const [key, last] of this.lastRecorded) if (now - last.at >= FORGET_AFTER_WINDOWS * this.options.windowMs) this.lastRecorded.delete(key);
  }
}
