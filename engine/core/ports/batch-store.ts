import type { BatchItemRecord, BatchItemStatus, BatchRecord } from '../batches/batch-records.js';
import type { JobRecord } from '../execution/records.js';

export interface StoredBatch {
  readonly batch: BatchRecord;
  /** the row's revision: every change to the batch row is guarded by it */
  readonly revision: number;
}

/** Reads of batch rows inside one engine transaction. */
export interface BatchReads {
  find(batchId: string): Promise<StoredBatch | null>;
  item(batchId: string, seq: number): Promise<BatchItemRecord | null>;
  pendingItems(batchId: string, chunk: number): Promise<BatchItemRecord[]>;
  /** the batch's seed and chunk job rows */
  jobs(batchId: string): Promise<JobRecord[]>;
}

/** an item's result, written only while the item is still pending (else the commit fails and the command reruns) */
export interface BatchItemOutcome {
  readonly batchId: string;
  readonly seq: number;
  readonly status: Exclude<BatchItemStatus, 'pending' | 'canceled'>;
  readonly message: string | null;
  readonly finished: Date;
}

/** What a unit of work changes in batches; written in the same transaction as everything else. */
export interface BatchChanges {
  readonly created: readonly { readonly batch: BatchRecord; readonly targetIds: readonly string[] }[];
  /** guarded by the revision the command read */
  readonly updated: readonly { readonly id: string; readonly expectedRevision: number; readonly patch: Partial<BatchRecord> }[];
  /** cascade: the row and its items go; otherwise the batch ends (endTime) and its pending items are canceled */
  readonly removed: readonly { readonly id: string; readonly expectedRevision: number; readonly cascade: boolean; readonly endTime: Date }[];
  readonly outcomes: readonly BatchItemOutcome[];
}

export const NO_BATCH_CHANGES: BatchChanges = { created: [], updated: [], removed: [], outcomes: [] };
