import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';
import { takeActivityFlows } from './flows.js';

/**
 * An intermediate catch event with a timer cycle (BPMN 2.0 section 10.5.6: the event stays active)
 * waits in its own instance for every occurrence, not when an event-based gateway waits for it.
 */
export function keepsWaitingOnCycle(catchNode: FlowNode, owner: ElementInstanceRecord | undefined): boolean {
  const definition = catchNode.eventDefinition;
  return catchNode.kind === 'intermediateCatchEvent'
    && definition?.kind === 'timer'
    && definition.timerKind === 'cycle'
    && owner?.elementId === catchNode.id;
}

/**
 * One occurrence of the cycle: while its timer job is still scheduled (the fire re-armed it), a new
 * token leaves on the outgoing flows and the event keeps waiting; the last occurrence completes it.
 */
export function emitCycleOccurrence(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void {
  const rearmed = ctx.aggregate.jobs.find((job) => job.elementInstanceId === ei.id && job.type === 'timer');
  if (rearmed) takeActivityFlows(ctx, ei, node);
  else ctx.complete(ei);
}
