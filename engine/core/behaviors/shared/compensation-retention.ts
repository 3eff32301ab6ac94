import type { ElementRuntime } from '../../execution/element-runtime.js';
import { isLoopBody } from '../../execution/loop-bodies.js';
import type { ElementInstanceRecord, SubscriptionRecord } from '../../execution/records.js';
import { boundaryCompensationHandlerOf, compensationEventSubProcessOf } from '../../model/compensation.js';
import type { FlowNode } from '../../model/graph.js';
import { nodeOf } from '../../model/graph.js';
import { addCompensation, compensationEntryOf, compensationSubscriptions, moveCompensation } from './compensation-subscriptions.js';

/**
 * An element instance completed successfully: remember what its scope may compensate later.
 * - An activity with a compensation boundary event: an entry for its handler, owned by its scope.
 * - A sub-process with compensable work inside (or a compensation event sub-process): its entries
 *   and a snapshot of its local variables are retained in its scope behind one entry for the
 *   sub-process (Camunda 7's "event scope"), so they outlive it for as long as its scope lives.
 * - A loop body: the entries of its iterations move to its scope, one per completed iteration.
 * Compensation handlers and re-opened event scopes leave nothing behind.
 */
export function retainCompensation(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void {
  const scopeId = ei.parentId;
  if (!scopeId || ei.data.compensates !== undefined || node.isForCompensation) return;
  if (isLoopBody(ei.kind)) {
    for (const subscription of ownedBy(ctx, ei.id)) moveCompensation(ctx, subscription, scopeId, compensationEntryOf(subscription).eventScope);
    return;
  }
  if (node.scope) retainEventScope(ctx, ei, node, scopeId);
  const handler = boundaryCompensationHandlerOf(ctx.graph, node);
  if (handler) addCompensation(ctx, scopeId, handler.id, ei.id);
}

function retainEventScope(ctx: ElementRuntime, subProcess: ElementInstanceRecord, node: FlowNode, scopeId: string): void {
  const inner = ownedBy(ctx, subProcess.id);
  const eventSubProcess = compensationEventSubProcessOf(ctx.graph, node);
  if (inner.length === 0 && !eventSubProcess) return;
  for (const subscription of inner) {
    moveCompensation(ctx, subscription, scopeId, compensationEntryOf(subscription).eventScope ?? subProcess.id);
  }
  // a copy: the sub-process's own variables stay until it is gone (its scope may still read them)
  for (const variable of ctx.variables.localAll(subProcess.id)) {
    ctx.aggregate.variables.insert({ ...variable, id: ctx.newId(), scopeId: snapshotScopeOf(subProcess.id) });
  }
  addCompensation(ctx, scopeId, eventSubProcess?.id ?? node.id, subProcess.id);
}

/** the entries retained with a completed sub-process instance, nested ones included */
export function retainedWith(ctx: ElementRuntime, subProcessInstanceId: string): SubscriptionRecord[] {
  const all = compensationSubscriptions(ctx);
  const scopes = new Set([subProcessInstanceId]);
  const found: SubscriptionRecord[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const subscription of all) {
      const entry = compensationEntryOf(subscription);
      if (found.includes(subscription) || entry.eventScope === null || !scopes.has(entry.eventScope)) continue;
      found.push(subscription);
      if (reopensEventScope(ctx, subscription)) scopes.add(entry.instance);
      grew = true;
    }
  }
  return found;
}

/** the retained local variables of a completed sub-process become those of the scope re-opening it */
export function restoreSnapshot(ctx: ElementRuntime, subProcessInstanceId: string, scopeId: string): void {
  for (const variable of ctx.variables.localAll(snapshotScopeOf(subProcessInstanceId))) {
    ctx.aggregate.variables.update(variable.id, { scopeId });
  }
}

/** the owner goes without compensating: the variable snapshots of its retained sub-processes go too */
export function releaseRetainedCompensations(ctx: ElementRuntime, ownerId: string): void {
  for (const subscription of ownedBy(ctx, ownerId)) {
    if (!reopensEventScope(ctx, subscription)) continue;
    const snapshot = snapshotScopeOf(compensationEntryOf(subscription).instance);
    for (const variable of ctx.variables.localAll(snapshot)) ctx.aggregate.variables.delete(variable.id);
  }
}

/** an entry for a completed sub-process (not for a handler of a boundary event) */
export function reopensEventScope(ctx: ElementRuntime, subscription: SubscriptionRecord): boolean {
  return !nodeOf(ctx.graph, subscription.activityId).isForCompensation;
}

/** where the local variables of a completed sub-process are kept until it is compensated */
function snapshotScopeOf(subProcessInstanceId: string): string {
  return `${subProcessInstanceId}#snapshot`;
}

function ownedBy(ctx: ElementRuntime, ownerId: string): SubscriptionRecord[] {
  return compensationSubscriptions(ctx).filter((s) => s.elementInstanceId === ownerId);
}
