import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import { isParallelMultiple, type FlowNode } from '../../model/graph.js';

/**
 * Multiple catch events need no bookkeeping of their own: each definition waits with its own
 * subscription or timer (catch-events.ts), and whichever arrives first is handed on as for a
 * single event; the others go with the element (or, for an interrupting boundary event or event
 * sub-process start, with the scope it cancels) in the same transaction.
 *
 * A parallel multiple event counts its triggers by what is left of them: each arrival consumes
 * its own subscription (a timer job is gone once it fired), and the event happens when none of
 * its subscriptions and timers is left for the element that waits. So a trigger that arrives
 * twice counts once, and a non-interrupting one fires once, when the last trigger arrived.
 *
 * Returns true while the event must still wait: the arrival was recorded and nothing happens yet.
 */
export function awaitsOtherTriggers(ctx: ElementRuntime, owner: ElementInstanceRecord, node: FlowNode, subscriptionId: string | null): boolean {
  if (!isParallelMultiple(node)) return false;
  if (subscriptionId !== null && ctx.aggregate.subscriptions.has(subscriptionId)) ctx.aggregate.subscriptions.delete(subscriptionId);
  const waitsHere = (record: { elementInstanceId: string | null; activityId: string }) => record.elementInstanceId === owner.id && record.activityId === node.id;
  return ctx.aggregate.subscriptions.find(waitsHere) !== undefined
    || ctx.aggregate.jobs.find((job) => job.type === 'timer' && waitsHere(job)) !== undefined;
}
