import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';
import { nodeOf } from '../../model/graph.js';
import { arrivalsAt, consumeArrivals } from './join-arrivals.js';
import { ownEntry } from '../../shared/own-entry.js';

/**
 * An inclusive join fires when tokens arrived and no other token of its scope can still reach it.
 * Checked on every arrival and whenever a token of the scope ends: a token that moved into a join
 * stands on no node any more, so the joins that waited for it hear about it.
 */
export function fireReadyInclusiveJoins(ctx: ElementRuntime, scope: ElementInstanceRecord): void {
  const current = ctx.element(scope.id);
  if (!current?.data.joinArrivals) return;
  for (const gatewayId of Object.keys(current.data.joinArrivals)) {
    const node = nodeOf(ctx.graph, gatewayId);
    if (ctx.graph.inclusiveJoinSources.has(node.id)) ctx.behaviorOf(node.kind).onTokenEndedInScope?.(ctx, scope, node);
  }
}

/** the inclusive join `node` in `scope` fires if tokens arrived and none can still arrive */
export function fireInclusiveJoinIfReady(ctx: ElementRuntime, scope: ElementInstanceRecord, node: FlowNode): void {
  const latest = ctx.requireElement(scope.id);
  const arrivals = arrivalsAt(latest, node.id);
  const arrived = Object.keys(arrivals).filter((flowId) => (ownEntry(arrivals, flowId) ?? 0) > 0);
  if (arrived.length === 0 || canStillArrive(ctx, latest, node.id)) return;
  consumeArrivals(ctx, latest, node.id, arrived);
  ctx.activate(node, ctx.requireElement(scope.id));
}

/** whether a token of the scope stands on a node from which it can still reach the gateway */
export function canStillArrive(ctx: ElementRuntime, scope: ElementInstanceRecord, gatewayId: string): boolean {
  const sources = ctx.graph.inclusiveJoinSources.get(gatewayId);
  if (!sources) return false;
  return ctx.aggregate.childrenOf(scope.id).some((child) => sources.has(child.elementId));
}
