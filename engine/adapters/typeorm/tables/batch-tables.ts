import type { BatchItemRecord, BatchRecord } from '../../../core/batches/batch-records.js';
import { col, date, json, number, optionalDate, parsedJson, type Table } from './table.js';

export const batchTable: Table<BatchRecord> = {
  name: 'engine.batch',
  columns: [
    col('id', 'id'),
    col('type', 'type'),
    col('totalJobs', 'total_jobs', undefined, number),
    col('jobsCreated', 'jobs_created', undefined, number),
    col('completedJobs', 'completed_jobs', undefined, number),
    col('batchJobsPerSeed', 'batch_jobs_per_seed', undefined, number),
    col('invocationsPerBatchJob', 'invocations_per_batch_job', undefined, number),
    col('totalItems', 'total_items', undefined, number),
    col('suspended', 'suspended'),
    col('tenantId', 'tenant_id'),
    col('createUserId', 'create_user_id'),
    col('startTime', 'start_time', undefined, date),
    col('executionStartTime', 'execution_start_time', undefined, optionalDate),
    col('endTime', 'end_time', undefined, optionalDate),
    col('configuration', 'configuration', json, parsedJson({})),
  ],
};

/** an item row (its key is batch id + seq, so it has no table mapping of its own) */
export function readBatchItem(row: Record<string, unknown>): BatchItemRecord {
  return {
    batchId: String(row['batch_id']),
    seq: Number(row['seq']),
    chunk: Number(row['chunk']),
    targetId: String(row['target_id']),
    status: row['status'] as BatchItemRecord['status'],
    message: (row['message'] as string | null) ?? null,
    finished: optionalDate(row['finished']),
  };
}
