import type { ExecutionContext } from '../../execution/execution-context.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';
import { nodeOf } from '../../model/graph.js';
import { openCatch } from './catch-events.js';

/** While an activity runs, its boundary events wait on its behalf. */
export function openBoundaryEvents(ctx: ExecutionContext, ei: ElementInstanceRecord, node: FlowNode): void {
  for (const boundaryId of node.boundaryEvents) openCatch(ctx, ei, nodeOf(ctx.graph, boundaryId));
}

/** An event caught by a boundary event: interrupting ones cancel the activity first. */
export function triggerBoundaryEvent(
  ctx: ExecutionContext,
  attached: ElementInstanceRecord,
  boundary: FlowNode,
  data: Record<string, unknown> = {},
): ElementInstanceRecord {
  const scope = ctx.scopeOf(attached);
  if (boundary.interrupting) ctx.terminate(attached, `interrupted by boundary event '${boundary.id}'`);
  return ctx.activate(boundary, scope, { data: { eventPayload: data } });
}
