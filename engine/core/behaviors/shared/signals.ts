import type { CompiledExpression } from '../../expressions/index.js';
import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { TypedValue } from '../../variables/index.js';
import { deliverEvent } from './event-delivery.js';

/**
 * A thrown signal reaches every catcher waiting at the moment it is thrown, as in Camunda 7: in
 * this instance at once, before the thrower moves on (so an interrupting catcher may cancel the
 * thrower); in other instances, and signal start events, once this instance's steps are done, in
 * the same command. A catcher that starts waiting after the throw does not get it.
 */
export function broadcastSignal(ctx: ElementRuntime, ei: ElementInstanceRecord, signalName: CompiledExpression): void {
  const name = String(ctx.evaluate(signalName, ei.id, ei.elementId));
  deliverSignalInInstance(ctx, name, new Map());
  ctx.emit({ kind: 'broadcastSignal', signalName: name, variables: new Map(), tenantId: ctx.aggregate.instance.tenantId, thrownIn: ctx.aggregate.id });
}

/**
 * Hands the signal to the catchers of this instance waiting for it now, in the order they started
 * waiting; one that an earlier catcher cancelled (an interrupting boundary or event sub-process)
 * gets nothing. Returns how many got it.
 */
export function deliverSignalInInstance(ctx: ElementRuntime, signalName: string, variables: ReadonlyMap<string, TypedValue>): number {
  const waiting = ctx.aggregate.subscriptions.filter((s) => s.type === 'signal' && s.eventName === signalName);
  let delivered = 0;
  for (const subscription of waiting) {
    if (!ctx.aggregate.subscriptions.has(subscription.id) || !subscription.elementInstanceId) continue;
    if (variables.size > 0) ctx.variables.setAll(subscription.elementInstanceId, variables);
    if (deliverEvent(ctx, subscription.elementInstanceId, subscription.activityId, 'signal', subscription.id)) delivered++;
  }
  return delivered;
}
