import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';

/** An event caught by a boundary event: interrupting ones cancel the activity first. */
export function triggerBoundaryEvent(
  ctx: ElementRuntime,
  attached: ElementInstanceRecord,
  boundary: FlowNode,
  data: Record<string, unknown> = {},
): ElementInstanceRecord {
  const scope = ctx.scopeOf(attached);
  if (boundary.interrupting) ctx.terminate(attached, `interrupted by boundary event '${boundary.id}'`);
  return ctx.activate(boundary, scope, { data: { eventPayload: data } });
}
