import type { ElementBehavior, ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';
import { settleComplexJoin } from './complex-join.js';
import { fireInclusiveJoinIfReady } from './inclusive-join.js';
import { arriveAtJoin, forkInclusive } from './inclusive-steps.js';

/**
 * Complex gateway (BPMN 2.0 13.4.5): forks like an inclusive gateway; joins when its activation
 * condition holds (see complex-join.ts), or, without one, like an inclusive join.
 */
export const complexGatewayBehavior: ElementBehavior = {
  onArrive: arriveAtJoin,
  onTokenEndedInScope: settleJoin,
  onEnter(ctx, ei) {
    ctx.complete(ei);
  },
  onLeave(ctx, ei, node) {
    forkInclusive(ctx, ei, node, 'complex gateway');
  },
};

function settleJoin(ctx: ElementRuntime, scope: ElementInstanceRecord, node: FlowNode): void {
  if (node.activationCondition) settleComplexJoin(ctx, scope, node);
  else fireInclusiveJoinIfReady(ctx, scope, node);
}
