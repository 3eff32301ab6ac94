import type { JobRecord } from '../execution/records.js';

/** Camunda 7's batch types this engine runs */
export const BATCH_TYPES = ['instance-deletion', 'set-job-retries', 'set-external-task-retries'] as const;
export type BatchType = (typeof BATCH_TYPES)[number];

/** What every item of a batch gets done with; fixed when the batch is created. */
export interface BatchConfiguration {
  /** instance-deletion */
  readonly deleteReason?: string | null;
  readonly skipCustomListeners?: boolean;
  readonly skipIoMappings?: boolean;
  /** set-job-retries and set-external-task-retries */
  readonly retries?: number;
  /** set-job-retries: the new due date of each job (ISO 8601); absent: the due date stays */
  readonly dueDate?: string | null;
}

/**
 * A batch: its selection (the items) was resolved when it was created. The row outlives the
 * run as its history: `endTime` is set when the last chunk completed or the batch was deleted.
 */
export interface BatchRecord {
  readonly id: string;
  readonly type: BatchType;
  /** chunk jobs needed for all items */
  readonly totalJobs: number;
  /** chunk jobs the seed job has created so far */
  readonly jobsCreated: number;
  /** chunk jobs that have finished their items */
  readonly completedJobs: number;
  readonly batchJobsPerSeed: number;
  readonly invocationsPerBatchJob: number;
  readonly totalItems: number;
  readonly suspended: boolean;
  readonly tenantId: string | null;
  readonly createUserId: string | null;
  readonly startTime: Date;
  /** when the seed job first ran */
  readonly executionStartTime: Date | null;
  readonly endTime: Date | null;
  readonly configuration: BatchConfiguration;
}

/**
 * pending: not done yet; done: its effect is committed; skipped: its target was already gone;
 * failed: its command failed (message says why); canceled: the batch was deleted before it ran
 */
export type BatchItemStatus = 'pending' | 'done' | 'skipped' | 'failed' | 'canceled';

/** One target of a batch (a process instance, job or external task id), `seq` its position. */
export interface BatchItemRecord {
  readonly batchId: string;
  readonly seq: number;
  readonly chunk: number;
  readonly targetId: string;
  readonly status: BatchItemStatus;
  readonly message: string | null;
  readonly finished: Date | null;
}

export interface BatchItemCounts {
  readonly pending: number;
  readonly done: number;
  readonly skipped: number;
  readonly failed: number;
  readonly canceled: number;
}

export const BATCH_JOB_RETRIES = 3;
/** a failed chunk or seed job waits this long before its next try (by retries left: 2, 1) */
export const BATCH_JOB_RETRY_INTERVALS_MS: readonly number[] = [5_000, 30_000, 60_000];

export function isBatchJob(job: Pick<JobRecord, 'type'>): boolean {
  return job.type === 'batch-seed' || job.type === 'batch-chunk';
}

/** a job row that belongs to a batch: no process instance, no definition */
export function batchJob(id: string, type: 'batch-seed' | 'batch-chunk', batch: BatchRecord, now: Date, chunk?: number): JobRecord {
  return {
    id,
    type,
    processInstanceId: null,
    elementInstanceId: null,
    definitionId: '',
    definitionKey: '',
    activityId: '',
    dueAt: now,
    retries: BATCH_JOB_RETRIES,
    retryIntervalsMs: BATCH_JOB_RETRY_INTERVALS_MS,
    exceptionMessage: null,
    exceptionDetails: null,
    lockOwner: null,
    lockExpiration: null,
    payload: chunk === undefined ? { batchId: batch.id } : { batchId: batch.id, chunk },
    created: now,
    suspended: batch.suspended,
    priority: 0,
    tenantId: batch.tenantId,
  };
}
