import type { BatchItemCounts, BatchItemRecord, BatchItemStatus, BatchRecord } from '../batches/batch-records.js';
import type { Filter, ListQuery, Page } from './engine-queries.js';

/** A batch with its progress: chunk jobs out of retries, and its items by outcome. */
export interface BatchProgress {
  readonly batch: BatchRecord;
  readonly failedJobs: number;
  readonly items: BatchItemCounts;
}

/**
 * The read side of batches behind /batch and /history/batch. Running batches have no end time;
 * the history holds every batch, running or ended.
 */
export interface BatchQueries {
  runningBatches(query: ListQuery): Promise<BatchProgress[]>;
  countRunningBatches(filter: Filter): Promise<number>;
  historicBatches(query: ListQuery): Promise<BatchProgress[]>;
  countHistoricBatches(filter: Filter): Promise<number>;
  /** a batch's items in order, optionally only those of some outcomes (e.g. failed) */
  batchItems(batchId: string, statuses: readonly BatchItemStatus[] | null, page: Page): Promise<BatchItemRecord[]>;
}
