import { ExecutionError } from '../../errors/index.js';
import type { ElementBehavior, ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';
import { chooseInclusive } from '../shared/flows.js';
import { settleComplexJoin } from './complex-join.js';
import { fireInclusiveJoinIfReady, fireReadyInclusiveJoins } from './inclusive-join.js';
import { recordArrival } from './join-arrivals.js';

/**
 * Complex gateway (BPMN 2.0 13.4.5): forks like an inclusive gateway; joins when its activation
 * condition holds (see complex-join.ts), or, without one, like an inclusive join.
 */
export const complexGatewayBehavior: ElementBehavior = {
  onArrive(ctx, scope, node, flowId) {
    if (node.incoming.length < 2) return false;
    recordArrival(ctx, scope, node.id, flowId);
    fireReadyInclusiveJoins(ctx, ctx.requireElement(scope.id));
    return true;
  },
  onTokenEndedInScope: settleJoin,
  onEnter(ctx, ei) {
    ctx.complete(ei);
  },
  onLeave(ctx, ei, node) {
    const scope = ctx.scopeOf(ei);
    const flows = chooseInclusive(ctx, node, scope.id);
    if (flows.length === 0) {
      throw new ExecutionError(`No outgoing sequence flow of complex gateway '${node.id}' could be selected: no condition holds and there is no default flow`, node.id);
    }
    ctx.takeFlows(flows, scope);
  },
};

function settleJoin(ctx: ElementRuntime, scope: ElementInstanceRecord, node: FlowNode): void {
  if (node.activationCondition) settleComplexJoin(ctx, scope, node);
  else fireInclusiveJoinIfReady(ctx, scope, node);
}
