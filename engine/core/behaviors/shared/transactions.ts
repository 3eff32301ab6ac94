import { EngineInvariantError } from '../../errors/index.js';
import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import { nodeOf } from '../../model/graph.js';
import { triggerBoundaryEvent } from './boundary-events.js';
import { throwCompensation } from './compensation-throw.js';

/**
 * A cancel end event is reached: everything else in its transaction is cancelled, then the
 * activities that completed inside it are compensated (the end event waits for that).
 * Returns true if compensation started; the end event then completes when it is done.
 */
export function cancelTransaction(ctx: ElementRuntime, cancelEnd: ElementInstanceRecord): boolean {
  ctx.terminateChildren(ctx.scopeOf(cancelEnd), `transaction cancelled by end event '${cancelEnd.elementId}'`, cancelEnd.id);
  return throwCompensation(ctx, cancelEnd, { activityRef: null, waitForCompletion: true }) > 0;
}

/**
 * After compensation, the transaction is left through its cancel boundary event (all of its
 * instances, when it is a multi-instance transaction).
 */
export function leaveThroughCancelBoundary(ctx: ElementRuntime, cancelEnd: ElementInstanceRecord): void {
  const transaction = cancelEnd.parentId ? ctx.element(cancelEnd.parentId) : undefined;
  if (!transaction) return;
  const node = ctx.nodeOf(transaction);
  const boundary = node.boundaryEvents.map((id) => nodeOf(ctx.graph, id)).find((b) => b.eventDefinition?.kind === 'cancel');
  if (!boundary) throw new EngineInvariantError(`Expected transaction '${node.id}' to have a cancel boundary event, but it has none`);
  const attached = transaction.data.loopIndex !== undefined ? ctx.scopeOf(transaction) : transaction;
  triggerBoundaryEvent(ctx, attached, boundary);
}
