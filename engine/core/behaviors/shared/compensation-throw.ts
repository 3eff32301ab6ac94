import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord, SubscriptionRecord } from '../../execution/records.js';
import { compensationSubscriptionActivityOf } from '../../model/compensation.js';
import type { FlowNode } from '../../model/graph.js';
import { nodeOf } from '../../model/graph.js';
import { restoreSnapshot, retainedWith } from './compensation-retention.js';
import { compensationEntryOf, directCompensations, latestFirst, moveCompensation } from './compensation-subscriptions.js';

export interface CompensationRequest {
  /** compensate this activity only; null: every compensable completed activity of the scope */
  readonly activityRef: string | null;
  /** the thrower waits until every compensation it started is done */
  readonly waitForCompletion: boolean;
}

/**
 * Throws compensation from an intermediate throw, end or cancel end event, as Camunda 7 does: every
 * entry of the thrower's scope (and, since event sub-processes do not consume compensation, of the
 * scopes around an event sub-process it is in), or those of `activityRef`, start at once, the
 * latest completed first. Waiting, they run inside the thrower, which completes when they are done
 * (its behaviour's onChildEnded); not waiting, they run beside it in its scope.
 * Returns how many compensations started.
 */
export function throwCompensation(ctx: ElementRuntime, thrower: ElementInstanceRecord, request: CompensationRequest): number {
  const scope = ctx.scopeOf(thrower);
  const candidates = compensableFrom(ctx, scope);
  const target = request.activityRef ? compensationSubscriptionActivityOf(ctx.graph, request.activityRef) : null;
  const chosen = target ? candidates.filter((s) => s.activityId === target) : candidates;
  startCompensations(ctx, chosen, request.waitForCompletion ? thrower : scope);
  return chosen.length;
}

function compensableFrom(ctx: ElementRuntime, scope: ElementInstanceRecord): SubscriptionRecord[] {
  const found = directCompensations(ctx, scope.id);
  for (let current = scope; current.kind === 'eventSubProcess' && current.parentId; ) {
    current = ctx.requireElement(current.parentId);
    found.push(...directCompensations(ctx, current.id));
  }
  return found;
}

/** each entry is consumed: its handler (or re-opened sub-process) runs once, under `parent` */
function startCompensations(ctx: ElementRuntime, subscriptions: readonly SubscriptionRecord[], parent: ElementInstanceRecord): void {
  for (const subscription of latestFirst(subscriptions)) {
    ctx.aggregate.subscriptions.delete(subscription.id);
    const { instance } = compensationEntryOf(subscription);
    const handler = nodeOf(ctx.graph, subscription.activityId);
    if (handler.isForCompensation) ctx.activate(handler, parent, { data: { compensates: instance } });
    else reopenEventScope(ctx, instance, handler, parent);
  }
}

/**
 * Compensates a completed sub-process: it is re-opened (a new instance of it, holding its variables
 * as they were when it completed) and either its compensation event sub-process runs in it, or the
 * entries retained with it are compensated in it. It ends when that work is done.
 */
function reopenEventScope(ctx: ElementRuntime, completedInstanceId: string, handler: FlowNode, parent: ElementInstanceRecord): void {
  const subProcess = handler.kind === 'eventSubProcess' ? nodeOf(ctx.graph, handler.scopeId) : handler;
  const retained = retainedWith(ctx, completedInstanceId);
  const reopened = ctx.aggregate.elements.insert({
    id: `${subProcess.id}:${ctx.newId()}`,
    processInstanceId: ctx.aggregate.id,
    parentId: parent.id,
    elementId: subProcess.id,
    kind: subProcess.kind,
    state: 'ACTIVE',
    startTime: ctx.now(),
    data: { compensates: completedInstanceId, reopenedForCompensation: true },
  });
  ctx.history.activityStarted(reopened, subProcess);
  restoreSnapshot(ctx, completedInstanceId, reopened.id);
  for (const subscription of retained) {
    const { eventScope } = compensationEntryOf(subscription);
    moveCompensation(ctx, subscription, reopened.id, eventScope === completedInstanceId ? null : eventScope);
  }
  if (handler.kind === 'eventSubProcess') {
    ctx.activate(handler, reopened);
    return;
  }
  const inner = directCompensations(ctx, reopened.id);
  if (inner.length === 0) ctx.endWithoutFlows(reopened);
  else startCompensations(ctx, inner, reopened);
}

/** a re-opened sub-process ends (without taking flows) once the compensations in it are done */
export function endReopenedEventScopeIfDone(ctx: ElementRuntime, reopened: ElementInstanceRecord): void {
  if (ctx.aggregate.childrenOf(reopened.id).length === 0) ctx.endWithoutFlows(reopened);
}

/** a waiting thrower completes once the compensations it started are done */
export function completeThrowerIfDone(ctx: ElementRuntime, thrower: ElementInstanceRecord): void {
  if (ctx.aggregate.childrenOf(thrower.id).length === 0) ctx.complete(thrower);
}
