export interface EventuallyOptions {
  /** give up after this long (default 30 s: jobs and polls on a loaded 2-core machine) */
  readonly timeoutMs?: number;
  /** pause between attempts (default 25 ms) */
  readonly intervalMs?: number;
}

/**
 * Re-runs `check` until it returns without throwing and returns its result; after the timeout,
 * rethrows the last failure (so a jest expectation inside shows what was still wrong).
 */
export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const interval = options.intervalMs ?? 25;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
