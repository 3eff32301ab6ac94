import type { ElementRuntime } from '../../execution/element-runtime.js';
import { nodeOf } from '../../model/graph.js';
import { triggerBoundaryEvent } from './boundary-events.js';
import { triggerEventSubProcess } from './event-sub-processes.js';
import { awaitsOtherTriggers } from './multiple-events.js';

export type CatchableEventKind = 'message' | 'signal' | 'timer' | 'conditional';

/**
 * Hands an event that a subscription (`subscriptionId`) or timer job was waiting for to the element
 * that catches it: a boundary event, an event sub-process start, or the waiting element itself
 * (intermediate catch event, receive task, event-based gateway). A parallel multiple event takes
 * it only with the last of its triggers. Returns false if the owner is gone.
 */
export function deliverEvent(ctx: ElementRuntime, ownerId: string, activityId: string, eventKind: CatchableEventKind, subscriptionId: string | null = null): boolean {
  const owner = ctx.element(ownerId);
  if (!owner) return false;
  const node = nodeOf(ctx.graph, activityId);
  if (awaitsOtherTriggers(ctx, owner, node, subscriptionId)) return true;
  if (node.kind === 'boundaryEvent') {
    triggerBoundaryEvent(ctx, owner, node);
  } else if (node.kind === 'startEvent' && node.scopeId !== ctx.graph.id && nodeOf(ctx.graph, node.scopeId).kind === 'eventSubProcess') {
    triggerEventSubProcess(ctx, owner, node.id);
  } else {
    stopWaiting(ctx, owner.id);
    ctx.trigger(owner, { kind: 'event', eventKind, activityId });
  }
  return true;
}

/**
 * A waiting element (catch event, receive task, event-based gateway) that got its event waits no
 * more, at once: a second signal thrown before it moved on (in the same command) passes it by.
 * The subscriptions of its boundary events stay while it runs.
 */
function stopWaiting(ctx: ElementRuntime, ownerId: string): void {
  const ownWait = (activityId: string) => nodeOf(ctx.graph, activityId).kind !== 'boundaryEvent';
  for (const sub of ctx.aggregate.subscriptions.filter((s) => s.elementInstanceId === ownerId && s.type !== 'compensate' && ownWait(s.activityId))) {
    ctx.aggregate.subscriptions.delete(sub.id);
  }
}
