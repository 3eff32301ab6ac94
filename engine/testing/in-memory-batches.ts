import type { BatchItemRecord, BatchRecord } from '../core/batches/batch-records.js';
import { OptimisticLockError } from '../core/errors/index.js';
import type { JobRecord } from '../core/execution/records.js';
import type { BatchChanges, BatchReads, StoredBatch } from '../core/ports/batch-store.js';

/** Batch rows of the in-memory store, guarded like the SQL ones: batch revisions and pending items. */
export class InMemoryBatches {
  readonly rows = new Map<string, StoredBatch>();
  readonly items = new Map<string, BatchItemRecord>();

  constructor(private readonly jobs: () => Iterable<JobRecord>) {}

  readonly reads: BatchReads = {
    find: async (batchId) => this.rows.get(batchId) ?? null,
    item: async (batchId, seq) => this.items.get(key(batchId, seq)) ?? null,
    pendingItems: async (batchId, chunk) => this.itemsOf(batchId).filter((i) => i.chunk === chunk && i.status === 'pending'),
    jobs: async (batchId) => [...this.jobs()].filter((j) => j.payload.batchId === batchId && (j.type === 'batch-seed' || j.type === 'batch-chunk')),
  };

  itemsOf(batchId: string): BatchItemRecord[] {
    return [...this.items.values()].filter((i) => i.batchId === batchId).sort((a, b) => a.seq - b.seq);
  }

  /** refuses the whole commit when a guarded row changed since it was read */
  check(changes: BatchChanges): void {
    for (const { id, expectedRevision } of [...changes.updated, ...changes.removed]) {
      if (this.rows.get(id)?.revision !== expectedRevision) throw new OptimisticLockError('batch', id);
    }
    for (const outcome of changes.outcomes) {
      if (this.items.get(key(outcome.batchId, outcome.seq))?.status !== 'pending') throw new OptimisticLockError('batch item', `${outcome.batchId}#${outcome.seq}`);
    }
  }

  apply(changes: BatchChanges): void {
    for (const { batch, targetIds } of changes.created) {
      this.rows.set(batch.id, { batch, revision: 1 });
      targetIds.forEach((targetId, seq) => this.items.set(key(batch.id, seq), {
        batchId: batch.id, seq, chunk: Math.floor(seq / batch.invocationsPerBatchJob), targetId, status: 'pending', message: null, finished: null,
      }));
    }
    for (const { id, patch } of changes.updated) this.patch(id, patch);
    for (const outcome of changes.outcomes) {
      const item = this.items.get(key(outcome.batchId, outcome.seq))!;
      this.items.set(key(outcome.batchId, outcome.seq), { ...item, status: outcome.status, message: outcome.message, finished: outcome.finished });
    }
    for (const { id, cascade, endTime } of changes.removed) {
      const items = this.itemsOf(id);
      if (cascade) {
        this.rows.delete(id);
        for (const item of items) this.items.delete(key(id, item.seq));
        continue;
      }
      this.patch(id, { endTime });
      for (const item of items) if (item.status === 'pending') this.items.set(key(id, item.seq), { ...item, status: 'canceled' });
    }
  }

  private patch(id: string, patch: Partial<BatchRecord>): void {
    const stored = this.rows.get(id)!;
    this.rows.set(id, { batch: { ...stored.batch, ...patch }, revision: stored.revision + 1 });
  }
}

function key(batchId: string, seq: number): string {
  return `${batchId}#${seq}`;
}
