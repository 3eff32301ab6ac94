import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord, IncidentRecord, TaskRecord } from '../../execution/records.js';
import { releaseRetainedCompensations } from './compensation-retention.js';

/**
 * Removes what an element instance owns when it goes: user tasks, external tasks, jobs,
 * event subscriptions and incidents. A job or external task that fires after this finds nothing.
 */
export function releaseOwnedRecords(ctx: ElementRuntime, ei: ElementInstanceRecord, reason: string): void {
  const aggregate = ctx.aggregate;
  for (const task of aggregate.tasks.filter((t) => t.elementInstanceId === ei.id)) deleteTask(ctx, task, reason);
  for (const external of aggregate.externalTasks.filter((t) => t.elementInstanceId === ei.id)) aggregate.externalTasks.delete(external.id);
  for (const job of aggregate.jobs.filter((j) => j.elementInstanceId === ei.id)) aggregate.jobs.delete(job.id);
  releaseRetainedCompensations(ctx, ei.id);
  for (const sub of aggregate.subscriptions.filter((s) => s.elementInstanceId === ei.id)) aggregate.subscriptions.delete(sub.id);
  for (const incident of aggregate.incidents.filter((i) => i.elementInstanceId === ei.id)) deleteIncident(ctx, incident);
}

/**
 * An element instance that completed but leaves only in its async-after job waits for no event
 * any more: its boundary events and event sub-process starts close (timers and subscriptions).
 * What it may still compensate stays: it is retained when it leaves.
 */
export function closeEventWaits(ctx: ElementRuntime, ei: ElementInstanceRecord): void {
  const aggregate = ctx.aggregate;
  for (const job of aggregate.jobs.filter((j) => j.elementInstanceId === ei.id && j.type === 'timer')) aggregate.jobs.delete(job.id);
  for (const sub of aggregate.subscriptions.filter((s) => s.elementInstanceId === ei.id && s.type !== 'compensate')) aggregate.subscriptions.delete(sub.id);
}

/** what is left when the instance ends (records owned by nobody any more) */
export function releaseInstanceLeftovers(ctx: ElementRuntime): void {
  const aggregate = ctx.aggregate;
  for (const task of aggregate.tasks.all()) deleteTask(ctx, task, 'deleted');
  for (const external of aggregate.externalTasks.all()) aggregate.externalTasks.delete(external.id);
  for (const job of aggregate.jobs.all()) aggregate.jobs.delete(job.id);
  for (const sub of aggregate.subscriptions.all()) aggregate.subscriptions.delete(sub.id);
  for (const incident of aggregate.incidents.all()) deleteIncident(ctx, incident);
}

export function deleteTask(ctx: ElementRuntime, task: TaskRecord, deleteReason: string): void {
  ctx.aggregate.tasks.delete(task.id);
  ctx.history.task(task, { endTime: ctx.now(), deleteReason });
}

function deleteIncident(ctx: ElementRuntime, incident: IncidentRecord): void {
  ctx.aggregate.incidents.delete(incident.id);
  ctx.history.incident(incident, 'DELETED');
}
