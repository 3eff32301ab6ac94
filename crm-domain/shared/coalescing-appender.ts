/**
 * Appends items in batches without adding a delay: the first item is written at once; items that
 * arrive while a write is in flight wait for it and then go out together in the next write (at
 * most `maxBatch` per write). Each `append` settles when the write holding its item has settled,
 * so a caller that awaited it knows its item is stored.
 */
export class CoalescingAppender<T> {
  private waiting: Array<Waiter<T>> = [];
  private writing = false;

  constructor(
    private readonly write: (items: readonly T[]) => Promise<void>,
    private readonly maxBatch = 100,
  ) {}

  append(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          await this.write(batch.map((waiter) => waiter.item));
          for (const waiter of batch) waiter.resolve();
        } catch (error) {
          for (const waiter of batch) waiter.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

interface Waiter<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}
