import type { CommandScope } from '../commands/command-scope.js';
import { BadUserRequestError, NotFoundError } from '../errors/index.js';
import type { JobRecord } from '../execution/records.js';
import type { StoredBatch } from '../ports/batch-store.js';
import { batchJob, type BatchConfiguration, type BatchRecord, type BatchType } from './batch-records.js';

export interface BatchSizing {
  /** items per chunk job */
  readonly invocationsPerBatchJob: number;
  /** chunk jobs the seed job creates per run */
  readonly batchJobsPerSeed: number;
}

export const DEFAULT_BATCH_SIZING: BatchSizing = { invocationsPerBatchJob: 10, batchJobsPerSeed: 100 };

export interface CreateBatchRequest {
  readonly type: BatchType;
  /** the resolved selection, in order; duplicates are dropped */
  readonly targetIds: readonly string[];
  readonly configuration: BatchConfiguration;
  readonly createUserId: string | null;
}

/** A batch, its items and its seed job, in one transaction: after commit the seed job runs. */
export function createBatch(scope: CommandScope, request: CreateBatchRequest, sizing: BatchSizing): BatchRecord {
  const targetIds = [...new Set(request.targetIds)];
  if (targetIds.length === 0) throw new BadUserRequestError(`Expected a batch of type '${request.type}' to have at least one item, but the selection is empty`);
  const retries = request.configuration.retries;
  if (request.type !== 'instance-deletion' && (retries === undefined || !Number.isInteger(retries) || retries < 0)) {
    throw new BadUserRequestError(`Expected retries to be an integer of at least 0, but it is ${String(retries)}`);
  }
  const now = scope.now();
  const batch: BatchRecord = {
    id: scope.newId(),
    type: request.type,
    totalJobs: Math.ceil(targetIds.length / sizing.invocationsPerBatchJob),
    jobsCreated: 0,
    completedJobs: 0,
    batchJobsPerSeed: sizing.batchJobsPerSeed,
    invocationsPerBatchJob: sizing.invocationsPerBatchJob,
    totalItems: targetIds.length,
    suspended: false,
    tenantId: null,
    createUserId: request.createUserId,
    startTime: now,
    executionStartTime: null,
    endTime: null,
    configuration: request.configuration,
  };
  scope.unit.batches.create(batch, targetIds);
  scope.unit.definitionJobs.insert(batchJob(scope.newId(), 'batch-seed', batch, now));
  return batch;
}

/**
 * A batch job this owner holds, with its running batch; null when the claim is gone. A job whose
 * batch ended (or went) is deleted on the way.
 */
async function ownBatchJob(scope: CommandScope, jobId: string, owner: string): Promise<{ job: JobRecord; stored: StoredBatch } | null> {
  const job = await scope.tx.findJob(jobId);
  if (!job || job.lockOwner !== owner) return null;
  scope.unit.loadDefinitionLevel([job], []);
  const stored = await scope.tx.batches.find(job.payload.batchId ?? '');
  if (!stored || stored.batch.endTime) {
    scope.unit.definitionJobs.delete(job.id);
    return null;
  }
  return { job, stored };
}

/** The seed job: creates the next chunk jobs, and runs again until all exist. */
export async function seedBatch(scope: CommandScope, jobId: string, owner: string): Promise<void> {
  const own = await ownBatchJob(scope, jobId, owner);
  if (!own) return;
  const { job, stored } = own;
  const { batch } = stored;
  const now = scope.now();
  const count = Math.min(batch.batchJobsPerSeed, batch.totalJobs - batch.jobsCreated);
  for (let i = 0; i < count; i++) scope.unit.definitionJobs.insert(batchJob(scope.newId(), 'batch-chunk', batch, now, batch.jobsCreated + i));
  const jobsCreated = batch.jobsCreated + count;
  if (jobsCreated < batch.totalJobs) scope.unit.definitionJobs.update(job.id, { dueAt: now, lockOwner: null, lockExpiration: null });
  else scope.unit.definitionJobs.delete(job.id);
  scope.unit.batches.update(stored, { jobsCreated, executionStartTime: batch.executionStartTime ?? now });
}

export type ItemResult = 'applied' | 'not-pending' | 'batch-stopped';

/**
 * One item in its own command: the operation and the item's outcome commit together, and only
 * while the item is pending, so a repeated or concurrent run never applies it twice.
 */
export async function applyBatchItem(scope: CommandScope, batchId: string, seq: number, apply: (scope: CommandScope, targetId: string, configuration: BatchConfiguration) => Promise<void>): Promise<ItemResult> {
  const stored = await scope.tx.batches.find(batchId);
  if (!stored || stored.batch.endTime || stored.batch.suspended) return 'batch-stopped';
  const item = await scope.tx.batches.item(batchId, seq);
  if (!item || item.status !== 'pending') return 'not-pending';
  await apply(scope, item.targetId, stored.batch.configuration);
  scope.unit.batches.recordOutcome({ batchId, seq, status: 'done', message: null, finished: scope.now() });
  return 'applied';
}

/** the item's command threw: a target that is gone is skipped, anything else failed with its message */
export async function recordBatchItemFailure(scope: CommandScope, batchId: string, seq: number, error: unknown): Promise<void> {
  const item = await scope.tx.batches.item(batchId, seq);
  if (!item || item.status !== 'pending') return;
  const message = error instanceof Error ? error.message : String(error);
  scope.unit.batches.recordOutcome({ batchId, seq, status: error instanceof NotFoundError ? 'skipped' : 'failed', message, finished: scope.now() });
}

/**
 * A chunk job after its items: when none is pending any more the job goes and the batch counts
 * it (the last one ends the batch); otherwise (the batch was suspended meanwhile) it lets go of
 * its lock and waits.
 */
export async function completeChunk(scope: CommandScope, jobId: string, owner: string): Promise<void> {
  const own = await ownBatchJob(scope, jobId, owner);
  if (!own) return;
  const { job, stored } = own;
  const pending = await scope.tx.batches.pendingItems(stored.batch.id, job.payload.chunk ?? -1);
  if (pending.length > 0) {
    scope.unit.definitionJobs.update(job.id, { lockOwner: null, lockExpiration: null });
    return;
  }
  scope.unit.definitionJobs.delete(job.id);
  const completedJobs = stored.batch.completedJobs + 1;
  scope.unit.batches.update(stored, { completedJobs, ...(completedJobs >= stored.batch.totalJobs ? { endTime: scope.now() } : {}) });
}

async function runningBatch(scope: CommandScope, batchId: string): Promise<StoredBatch> {
  const stored = await scope.tx.batches.find(batchId);
  if (!stored || stored.batch.endTime) throw new NotFoundError(`Batch with id '${batchId}' does not exist`);
  return stored;
}

/** PUT /batch/{id}/suspended: a suspended batch's jobs are not run (a running chunk stops after its current item) */
export async function setBatchSuspended(scope: CommandScope, batchId: string, suspended: boolean): Promise<void> {
  const stored = await runningBatch(scope, batchId);
  const jobs = await scope.tx.batches.jobs(batchId);
  scope.unit.loadDefinitionLevel(jobs, []);
  for (const job of jobs) scope.unit.definitionJobs.update(job.id, { suspended });
  scope.unit.batches.update(stored, { suspended });
}

/** DELETE /batch/{id}: its jobs go; the history stays (the batch ends now) unless `cascade` */
export async function deleteBatch(scope: CommandScope, batchId: string, cascade: boolean): Promise<void> {
  const stored = await runningBatch(scope, batchId);
  const jobs = await scope.tx.batches.jobs(batchId);
  scope.unit.loadDefinitionLevel(jobs, []);
  for (const job of jobs) scope.unit.definitionJobs.delete(job.id);
  scope.unit.batches.remove(stored, cascade, scope.now());
}

/** DELETE /history/batch/{id}: an ended batch's row and items go; a running one must be deleted as a batch */
export async function deleteHistoricBatch(scope: CommandScope, batchId: string): Promise<void> {
  const stored = await scope.tx.batches.find(batchId);
  if (!stored) throw new NotFoundError(`Historic batch with id '${batchId}' does not exist`);
  if (!stored.batch.endTime) throw new BadUserRequestError(`Expected batch '${batchId}' to have ended, but it is running: delete it with DELETE /batch/${batchId}`);
  scope.unit.batches.remove(stored, true, scope.now());
}
