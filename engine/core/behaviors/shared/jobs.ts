import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord, JobPayload, JobRecord, JobType } from '../../execution/records.js';
import type { FlowNode, RetrySpec } from '../../model/graph.js';

export const DEFAULT_RETRY: RetrySpec = { retries: 3, intervalsMs: [0], source: 'default' };

export interface NewJob {
  readonly type: JobType;
  /** the element instance that owns the job; it goes when the element instance goes */
  readonly element: ElementInstanceRecord;
  /** the element the job acts for (a boundary timer's id, the async activity's id) */
  readonly node: FlowNode;
  readonly dueAt: Date;
  readonly payload?: JobPayload;
}

export function createJob(ctx: ElementRuntime, job: NewJob): JobRecord {
  const retry = job.node.retry ?? DEFAULT_RETRY;
  const record: JobRecord = {
    id: ctx.newId(),
    type: job.type,
    processInstanceId: ctx.aggregate.id,
    elementInstanceId: job.element.id,
    definitionId: ctx.definition.record.id,
    definitionKey: ctx.definition.record.key,
    activityId: job.node.id,
    dueAt: job.dueAt,
    retries: retry.retries,
    retryIntervalsMs: retry.intervalsMs,
    exceptionMessage: null,
    exceptionDetails: null,
    lockOwner: null,
    lockExpiration: null,
    payload: job.payload ?? {},
    created: ctx.now(),
    suspended: ctx.aggregate.instance.suspended,
    priority: 0,
    tenantId: ctx.aggregate.instance.tenantId,
  };
  return ctx.aggregate.jobs.insert(record);
}
