import type { ElementBehavior } from '../../execution/element-runtime.js';
import { arrivalsAt, consumeArrivals, recordArrival } from './join-arrivals.js';
import { ownEntry } from '../../shared/own-entry.js';

/** Parallel gateway: forks to every outgoing flow; joins once a token arrived on every incoming flow. */
export const parallelGatewayBehavior: ElementBehavior = {
  onArrive(ctx, scope, node, flowId) {
    if (node.incoming.length < 2) return false;
    const updated = recordArrival(ctx, scope, node.id, flowId);
    const arrivals = arrivalsAt(updated, node.id);
    if (node.incoming.every((id) => (ownEntry(arrivals, id) ?? 0) > 0)) {
      consumeArrivals(ctx, updated, node.id, node.incoming);
      ctx.activate(node, ctx.requireElement(scope.id));
    }
    return true;
  },
  onEnter(ctx, ei) {
    ctx.complete(ei);
  },
  onLeave(ctx, ei, node) {
    ctx.takeFlows(node.outgoing, ctx.scopeOf(ei));
  },
};
