import { throwBpmnError } from '../behaviors/shared/bpmn-errors.js';
import { deliverEvent } from '../behaviors/shared/event-delivery.js';
import { keepsWaitingOnCycle } from '../behaviors/shared/cycle-catch.js';
import { nextCycleDue } from '../behaviors/shared/timers.js';
import { NotFoundError } from '../errors/index.js';
import type { JobRecord } from '../execution/records.js';
import type { TrackedMap } from '../execution/tracked-map.js';
import { isParallelMultiple, nodeOf, type FlowNode } from '../model/graph.js';
import type { ServiceTaskInput, ServiceTaskResult } from '../ports/service-task-handler.js';
import { inferTypedValue, toJsValue } from '../variables/index.js';
import type { CommandScope, LoadedInstance } from './command-scope.js';
import { openIncident, resolveIncidents } from './incidents.js';
import { createInstance } from './start-instance.js';

/**
 * Runs a claimed job's work: async continuations, timers, timer start events. `claimed` is the row
 * as the claim returned it: a job of an instance is read again with its instance (one read, and the
 * instance's revision guard makes the commit fail if anyone changed it since), so the job's own row
 * is not read separately; it must still be there and still be ours.
 */
export async function runJob(scope: CommandScope, claimed: JobRecord, owner: string): Promise<void> {
  const jobId = claimed.id;
  if (claimed.processInstanceId === null) {
    const found = await scope.tx.findJob(jobId);
    if (found?.lockOwner === owner && found.type === 'timer-start') await fireTimerStart(scope, found);
    return;
  }
  const loaded = await scope.instance(claimed.processInstanceId);
  const job = loaded?.aggregate.jobs.get(jobId);
  if (!loaded || !job || job.lockOwner !== owner || loaded.aggregate.hasEnded) return;
  const { ctx } = loaded;
  switch (job.type) {
    case 'async-before':
      loaded.aggregate.jobs.delete(job.id);
      if (job.elementInstanceId && ctx.element(job.elementInstanceId)) ctx.enter(job.elementInstanceId);
      break;
    case 'async-after':
      loaded.aggregate.jobs.delete(job.id);
      if (job.elementInstanceId) ctx.schedule(() => ctx.leave(job.elementInstanceId!));
      break;
    case 'timer':
      fireTimer(loaded, job);
      break;
    default:
      return;
  }
  await scope.settle(ctx);
}

function fireTimer(loaded: LoadedInstance, job: JobRecord): void {
  const { ctx, aggregate } = loaded;
  const catchNode = nodeOf(ctx.graph, job.activityId);
  const owner = job.elementInstanceId ? ctx.element(job.elementInstanceId) : undefined;
  const next = keepsWaiting(catchNode) || keepsWaitingOnCycle(catchNode, owner) ? nextCycleDue(job) : null;
  if (next) reschedule(aggregate.jobs, job, next);
  else aggregate.jobs.delete(job.id);
  if (job.elementInstanceId) deliverEvent(ctx, job.elementInstanceId, job.activityId, 'timer');
}

/** non-interrupting boundary timers and event sub-process starts fire again on a cycle (a parallel multiple one's timer counts once) */
function keepsWaiting(node: FlowNode): boolean {
  return !node.interrupting && (node.kind === 'boundaryEvent' || node.kind === 'startEvent') && !isParallelMultiple(node);
}

function reschedule(jobs: TrackedMap<JobRecord>, job: JobRecord, dueAt: Date): void {
  jobs.update(job.id, {
    dueAt,
    lockOwner: null,
    lockExpiration: null,
    payload: { ...job.payload, firedCount: (job.payload.firedCount ?? 0) + 1 },
  });
}

async function fireTimerStart(scope: CommandScope, job: JobRecord): Promise<void> {
  scope.unit.loadDefinitionLevel([job], []);
  const next = nextCycleDue(job);
  if (next) reschedule(scope.unit.definitionJobs, job, next);
  else scope.unit.definitionJobs.delete(job.id);
  const definition = await scope.definition({ by: 'id', id: job.definitionId });
  if (!definition || definition.record.suspended) return;
  const started = createInstance(scope, { definition, businessKey: null, variables: new Map(), startEventId: job.activityId });
  await scope.settle(started.ctx);
}

/** A job failed: one retry less, due again after the retry interval; out of retries, an incident. */
export async function recordJobFailure(scope: CommandScope, jobId: string, owner: string | null, error: unknown): Promise<void> {
  const found = await scope.tx.findJob(jobId);
  if (!found || (owner !== null && found.lockOwner !== owner)) return;
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const retries = Math.max(0, found.retries - 1);
  const intervals = found.retryIntervalsMs.length > 0 ? found.retryIntervalsMs : [0];
  const interval = intervals[Math.min(intervals.length - 1, Math.max(0, intervals.length - retries - 1))]!;
  const patch: Partial<JobRecord> = {
    retries,
    exceptionMessage: message,
    exceptionDetails: details,
    lockOwner: null,
    lockExpiration: null,
    dueAt: new Date(scope.now().getTime() + interval),
  };
  if (found.processInstanceId === null) {
    scope.unit.loadDefinitionLevel([found], []);
    scope.unit.definitionJobs.update(found.id, patch);
    return;
  }
  const loaded = await scope.instance(found.processInstanceId);
  const job = loaded?.aggregate.jobs.get(jobId);
  if (!loaded || !job) return;
  loaded.aggregate.jobs.update(job.id, patch);
  if (retries === 0) openIncident(loaded.ctx, 'failedJob', job.elementInstanceId, job.activityId, message, job.id);
}

/** sets a job's retries (and, given one, its due date); retries back above 0 resolve its incident */
export async function setJobRetries(scope: CommandScope, jobId: string, retries: number, dueAt?: Date): Promise<void> {
  const found = await scope.tx.findJob(jobId);
  if (!found) throw new NotFoundError(`Job with id '${jobId}' does not exist`);
  const due = dueAt ? { dueAt } : {};
  if (found.processInstanceId === null) {
    scope.unit.loadDefinitionLevel([found], []);
    scope.unit.definitionJobs.update(found.id, { retries, ...due });
    return;
  }
  const loaded = await scope.requireInstance(found.processInstanceId);
  const job = loaded.aggregate.jobs.get(jobId);
  if (!job) throw new NotFoundError(`Job with id '${jobId}' does not exist`);
  loaded.aggregate.jobs.update(job.id, { retries, lockOwner: null, lockExpiration: null, ...due });
  if (retries > 0) resolveIncidents(loaded.ctx, job.id);
  else openIncident(loaded.ctx, 'failedJob', job.elementInstanceId, job.activityId, job.exceptionMessage, job.id);
}

/** what an in-process service task handler gets to see */
export async function handlerInput(scope: CommandScope, jobId: string, owner: string): Promise<ServiceTaskInput | null> {
  const found = await scope.tx.findJob(jobId);
  if (!found || found.lockOwner !== owner || !found.processInstanceId || !found.elementInstanceId) return null;
  const loaded = await scope.instance(found.processInstanceId);
  if (!loaded || loaded.aggregate.hasEnded || !loaded.ctx.element(found.elementInstanceId)) return null;
  const variables = Object.fromEntries([...loaded.ctx.variables.visible(found.elementInstanceId)].map(([name, value]) => [name, toJsValue(value)]));
  return {
    topic: found.payload.topic ?? '',
    jobId: found.id,
    processInstanceId: found.processInstanceId,
    processDefinitionKey: found.definitionKey,
    activityId: found.activityId,
    businessKey: loaded.aggregate.instance.businessKey,
    variables,
  };
}

/** the handler finished: its variables are set and the task completes (or throws its BPMN error) */
export async function completeHandlerJob(scope: CommandScope, jobId: string, owner: string, result: ServiceTaskResult | void): Promise<void> {
  const found = await scope.tx.findJob(jobId);
  if (!found || found.lockOwner !== owner || !found.processInstanceId || !found.elementInstanceId) return;
  const loaded = await scope.instance(found.processInstanceId);
  const ei = loaded?.ctx.element(found.elementInstanceId);
  if (!loaded || !ei) return;
  const { ctx } = loaded;
  ctx.aggregate.jobs.delete(found.id);
  for (const [name, value] of Object.entries(result?.variables ?? {})) ctx.variables.set(ei.id, name, inferTypedValue(value, name));
  if (result?.outcome === 'bpmnError') {
    throwBpmnError(ctx, ei, { code: result.errorCode, message: result.errorMessage ?? null }, 'end');
  } else {
    ctx.trigger(ei, { kind: 'handlerCompleted', jobId: found.id });
  }
  await scope.settle(ctx);
}
