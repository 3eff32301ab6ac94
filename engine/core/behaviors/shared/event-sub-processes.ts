import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import { nodeOf } from '../../model/graph.js';

/** An event sub-process starts; an interrupting one first cancels everything else in the scope. */
export function triggerEventSubProcess(
  ctx: ElementRuntime,
  scopeInstance: ElementInstanceRecord,
  startEventId: string,
  data: Record<string, unknown> = {},
): ElementInstanceRecord {
  const start = nodeOf(ctx.graph, startEventId);
  const subProcess = nodeOf(ctx.graph, start.scopeId);
  if (start.interrupting) {
    ctx.terminateChildren(scopeInstance, `interrupted by event sub-process '${subProcess.id}'`);
    closeEventSubProcessStarts(ctx, scopeInstance);
  }
  return ctx.activate(subProcess, scopeInstance, { data: { triggeredBy: startEventId, eventPayload: data } });
}

/**
 * An interrupting event sub-process took over the scope: the scope's event sub-process starts stop
 * waiting. The scope instance also owns its own boundary events (a timer on a sub-process): they
 * stay, as the sub-process is still running.
 */
function closeEventSubProcessStarts(ctx: ElementRuntime, scopeInstance: ElementInstanceRecord): void {
  const isStart = (activityId: string) => nodeOf(ctx.graph, activityId).kind === 'startEvent';
  for (const sub of ctx.aggregate.subscriptions.filter((s) => s.elementInstanceId === scopeInstance.id && isStart(s.activityId))) {
    ctx.aggregate.subscriptions.delete(sub.id);
  }
  for (const job of ctx.aggregate.jobs.filter((j) => j.elementInstanceId === scopeInstance.id && j.type === 'timer' && isStart(j.activityId))) {
    ctx.aggregate.jobs.delete(job.id);
  }
}
