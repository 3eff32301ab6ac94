import { Injectable } from '@nestjs/common';

interface Waiter {
  readonly topics: ReadonlySet<string>;
  wake(): void;
}

/** Long-polling fetchAndLock requests wait here until tasks of their topics are committed. */
@Injectable()
export class ExternalTaskWaiters {
  private readonly waiters = new Set<Waiter>();

  notify(topics: ReadonlySet<string>): void {
    for (const waiter of this.waiters) {
      if ([...topics].some((t) => waiter.topics.has(t))) waiter.wake();
    }
  }

  /** resolves when a matching task may exist, or after `timeoutMs` */
  wait(topics: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        topics: new Set(topics),
        wake: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, Math.max(0, timeoutMs));
      signal?.addEventListener('abort', waiter.wake, { once: true });
      this.waiters.add(waiter);
    });
  }
}
