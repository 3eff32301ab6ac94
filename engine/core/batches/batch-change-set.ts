import type { BatchChanges, BatchItemOutcome, StoredBatch } from '../ports/batch-store.js';
import type { BatchRecord } from './batch-records.js';

/** The batch part of a unit of work: collected by commands, written by the store at commit. */
export class BatchChangeSet {
  private readonly created: { batch: BatchRecord; targetIds: readonly string[] }[] = [];
  private readonly updated = new Map<string, { id: string; expectedRevision: number; patch: Partial<BatchRecord> }>();
  private readonly removed: { id: string; expectedRevision: number; cascade: boolean; endTime: Date }[] = [];
  private readonly outcomes: BatchItemOutcome[] = [];

  create(batch: BatchRecord, targetIds: readonly string[]): void {
    this.created.push({ batch, targetIds });
  }

  /** patches a batch read at `stored.revision`; several patches in one command merge */
  update(stored: StoredBatch, patch: Partial<BatchRecord>): void {
    const previous = this.updated.get(stored.batch.id);
    this.updated.set(stored.batch.id, { id: stored.batch.id, expectedRevision: stored.revision, patch: { ...previous?.patch, ...patch } });
  }

  remove(stored: StoredBatch, cascade: boolean, endTime: Date): void {
    this.updated.delete(stored.batch.id);
    this.removed.push({ id: stored.batch.id, expectedRevision: stored.revision, cascade, endTime });
  }

  recordOutcome(outcome: BatchItemOutcome): void {
    this.outcomes.push(outcome);
  }

  changes(): BatchChanges {
    return { created: this.created, updated: [...this.updated.values()], removed: this.removed, outcomes: this.outcomes };
  }
}
