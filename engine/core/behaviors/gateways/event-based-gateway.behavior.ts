import { EngineInvariantError } from '../../errors/index.js';
import { flowOf, nodeOf } from '../../model/graph.js';
import type { ElementBehavior } from '../../execution/element-runtime.js';
import { openCatch } from '../shared/catch-events.js';

/**
 * Event-based gateway: waits for whichever of the following catch events happens first, then
 * continues there; the other subscriptions and timers go with the gateway.
 */
export const eventBasedGatewayBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    if (ei.data.triggeredBy !== undefined) {
      // an instantiating gateway: the event that started the instance chose the path
      ctx.complete(ei);
      return;
    }
    for (const flowId of node.outgoing) openCatch(ctx, ei, nodeOf(ctx.graph, flowOf(ctx.graph, flowId).targetId));
  },
  onTrigger(ctx, ei, _node, trigger) {
    if (trigger.kind !== 'event') return;
    const updated = ctx.updateData(ei, { eventPayload: { chosen: trigger.activityId } });
    ctx.complete(updated);
  },
  onLeave(ctx, ei, node) {
    const chosen = ei.data.eventPayload?.['chosen'];
    const flowId = node.outgoing.find((id) => flowOf(ctx.graph, id).targetId === chosen);
    if (!flowId) throw new EngineInvariantError(`Expected the event-based gateway '${node.id}' to know which event happened, but it does not`);
    ctx.activate(nodeOf(ctx.graph, String(chosen)), ctx.scopeOf(ei), { incomingFlowId: flowId, data: { triggeredBy: node.id } });
  },
};
