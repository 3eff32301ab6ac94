import { ExecutionError } from '../../errors/index.js';
import type { ElementBehavior } from '../../execution/element-runtime.js';
import { chooseInclusive } from '../shared/flows.js';
import { fireInclusiveJoinIfReady, fireReadyInclusiveJoins } from './inclusive-join.js';
import { recordArrival } from './join-arrivals.js';

/** Inclusive gateway: forks to every flow whose condition holds (else the default); joins the tokens that can arrive. */
export const inclusiveGatewayBehavior: ElementBehavior = {
  onArrive(ctx, scope, node, flowId) {
    if (node.incoming.length < 2) return false;
    recordArrival(ctx, scope, node.id, flowId);
    fireReadyInclusiveJoins(ctx, ctx.requireElement(scope.id));
    return true;
  },
  onTokenEndedInScope: fireInclusiveJoinIfReady,
  onEnter(ctx, ei) {
    ctx.complete(ei);
  },
  onLeave(ctx, ei, node) {
    const scope = ctx.scopeOf(ei);
    const flows = chooseInclusive(ctx, node, scope.id);
    if (flows.length === 0) {
      throw new ExecutionError(`No outgoing sequence flow of inclusive gateway '${node.id}' could be selected: no condition holds and there is no default flow`, node.id);
    }
    ctx.takeFlows(flows, scope);
  },
};
