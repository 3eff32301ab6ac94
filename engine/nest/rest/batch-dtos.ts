import type { BatchItemRecord, BatchRecord } from '../../core/batches/batch-records.js';
import type { BatchProgress } from '../../core/ports/batch-queries.js';
import type { JobRecord } from '../../core/execution/records.js';
import { formatCamundaDate } from '../../core/variables/index.js';

const date = (value: Date | null): string | null => (value ? formatCamundaDate(value) : null);

/**
 * Batches as Camunda 7's BatchDto, BatchStatisticsDto and HistoricBatchDto. There are no job
 * definitions: the ids name the batch's seed and chunk jobs (as `jobDefinitionId` of GET /job
 * does), and there is no monitor job (the last chunk ends the batch). `items` is our extension:
 * what happened to each target (done, skipped because it was gone, failed, canceled, pending).
 */
export function batchDto(b: BatchRecord) {
  return {
    id: b.id,
    type: b.type,
    totalJobs: b.totalJobs,
    jobsCreated: b.jobsCreated,
    batchJobsPerSeed: b.batchJobsPerSeed,
    invocationsPerBatchJob: b.invocationsPerBatchJob,
    seedJobDefinitionId: seedJobDefinitionId(b.id),
    monitorJobDefinitionId: null,
    batchJobDefinitionId: chunkJobDefinitionId(b.id),
    suspended: b.suspended,
    tenantId: b.tenantId,
    createUserId: b.createUserId,
    startTime: date(b.startTime),
    executionStartTime: date(b.executionStartTime),
  };
}

export function batchStatisticsDto(p: BatchProgress) {
  return {
    ...batchDto(p.batch),
    remainingJobs: p.batch.totalJobs - p.batch.completedJobs,
    completedJobs: p.batch.completedJobs,
    failedJobs: p.failedJobs,
    items: { total: p.batch.totalItems, ...p.items },
  };
}

export function historicBatchDto(p: BatchProgress) {
  const b = p.batch;
  return {
    id: b.id,
    type: b.type,
    totalJobs: b.totalJobs,
    batchJobsPerSeed: b.batchJobsPerSeed,
    invocationsPerBatchJob: b.invocationsPerBatchJob,
    seedJobDefinitionId: seedJobDefinitionId(b.id),
    monitorJobDefinitionId: null,
    batchJobDefinitionId: chunkJobDefinitionId(b.id),
    tenantId: b.tenantId,
    createUserId: b.createUserId,
    startTime: date(b.startTime),
    executionStartTime: date(b.executionStartTime),
    endTime: date(b.endTime),
    removalTime: null,
    items: { total: b.totalItems, ...p.items },
  };
}

export function batchItemDto(i: BatchItemRecord) {
  return { batchId: i.batchId, position: i.seq, targetId: i.targetId, status: i.status, message: i.message, time: date(i.finished) };
}

/** a batch's seed or chunk job: no process definition or instance, the batch instead */
export function batchJobDto(j: JobRecord, batchId: string) {
  return {
    id: j.id,
    jobDefinitionId: `${batchId}:${j.type}`,
    dueDate: date(j.dueAt),
    processInstanceId: null,
    executionId: null,
    processDefinitionId: null,
    processDefinitionKey: null,
    retries: j.retries,
    exceptionMessage: j.exceptionMessage,
    failedActivityId: null,
    suspended: j.suspended,
    priority: j.priority,
    tenantId: j.tenantId,
    createTime: date(j.created),
    batchId,
    activityId: null,
    jobType: j.type,
  };
}

export const seedJobDefinitionId = (batchId: string) => `${batchId}:batch-seed`;
export const chunkJobDefinitionId = (batchId: string) => `${batchId}:batch-chunk`;
