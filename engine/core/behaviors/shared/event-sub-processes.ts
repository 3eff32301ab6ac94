import type { ExecutionContext } from '../../execution/execution-context.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { ScopeSpec } from '../../model/graph.js';
import { nodeOf } from '../../model/graph.js';
import { openCatch } from './catch-events.js';

/** When a scope is entered, the start events of its event sub-processes start waiting. */
export function openEventSubProcesses(ctx: ExecutionContext, scopeInstance: ElementInstanceRecord, scope: ScopeSpec): void {
  for (const subProcessId of scope.eventSubProcesses) {
    const subProcess = nodeOf(ctx.graph, subProcessId);
    for (const startId of subProcess.scope?.startEvents ?? []) openCatch(ctx, scopeInstance, nodeOf(ctx.graph, startId));
  }
}

/** An event sub-process starts; an interrupting one first cancels everything else in the scope. */
export function triggerEventSubProcess(
  ctx: ExecutionContext,
  scopeInstance: ElementInstanceRecord,
  startEventId: string,
  data: Record<string, unknown> = {},
): ElementInstanceRecord {
  const start = nodeOf(ctx.graph, startEventId);
  const subProcess = nodeOf(ctx.graph, start.scopeId);
  if (start.interrupting) {
    ctx.terminateChildren(scopeInstance, `interrupted by event sub-process '${subProcess.id}'`);
    for (const sub of ctx.aggregate.subscriptions.filter((s) => s.elementInstanceId === scopeInstance.id)) ctx.aggregate.subscriptions.delete(sub.id);
    for (const job of ctx.aggregate.jobs.filter((j) => j.elementInstanceId === scopeInstance.id && j.type === 'timer')) ctx.aggregate.jobs.delete(job.id);
  }
  return ctx.activate(subProcess, scopeInstance, { data: { triggeredBy: startEventId, eventPayload: data } });
}

/** event sub-processes of the scope whose start event matches, nearest first */
export function eventSubProcessStarts(ctx: ExecutionContext, scope: ScopeSpec): string[] {
  return scope.eventSubProcesses.flatMap((id) => nodeOf(ctx.graph, id).scope?.startEvents ?? []);
}
