import type { ExecutionContext } from '../../execution/execution-context.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import { nodeOf } from '../../model/graph.js';
import { arrivalsAt, consumeArrivals } from './join-arrivals.js';
import { ownEntry } from '../../shared/own-entry.js';

/**
 * An inclusive join fires when tokens arrived and no other token of its scope can still reach it.
 * Checked on every arrival and whenever a token of the scope ends.
 */
export function fireReadyInclusiveJoins(ctx: ExecutionContext, scope: ElementInstanceRecord): void {
  const current = ctx.element(scope.id);
  if (!current?.data.joinArrivals) return;
  for (const gatewayId of Object.keys(current.data.joinArrivals)) {
    const node = nodeOf(ctx.graph, gatewayId);
    if (node.kind !== 'inclusiveGateway') continue;
    const latest = ctx.requireElement(scope.id);
    const arrivals = arrivalsAt(latest, gatewayId);
    const arrived = Object.keys(arrivals).filter((flowId) => (ownEntry(arrivals, flowId) ?? 0) > 0);
    if (arrived.length === 0 || canStillArrive(ctx, latest, gatewayId)) continue;
    consumeArrivals(ctx, latest, gatewayId, arrived);
    ctx.activate(node, ctx.requireElement(scope.id));
  }
}

function canStillArrive(ctx: ExecutionContext, scope: ElementInstanceRecord, gatewayId: string): boolean {
  const sources = ctx.graph.inclusiveJoinSources.get(gatewayId);
  if (!sources) return false;
  return ctx.aggregate.childrenOf(scope.id).some((child) => sources.has(child.elementId));
}
