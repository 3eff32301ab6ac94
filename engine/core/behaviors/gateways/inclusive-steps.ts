import { ExecutionError } from '../../errors/index.js';
import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';
import { chooseInclusive } from '../shared/flows.js';
import { fireReadyInclusiveJoins } from './inclusive-join.js';
import { recordArrival } from './join-arrivals.js';

/** Steps the inclusive and the complex gateway share: a join records each arrival, a fork takes every flow that holds. */

/** a token arrives at a joining gateway: it waits on the scope until the join fires (false = not a join, enter at once) */
export function arriveAtJoin(ctx: ElementRuntime, scope: ElementInstanceRecord, node: FlowNode, flowId: string): boolean {
  if (node.incoming.length < 2) return false;
  recordArrival(ctx, scope, node.id, flowId);
  fireReadyInclusiveJoins(ctx, ctx.requireElement(scope.id));
  return true;
}

/** every outgoing flow whose condition holds, else the default; neither is an error naming the gateway */
export function forkInclusive(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode, gatewayLabel: string): void {
  const scope = ctx.scopeOf(ei);
  const flows = chooseInclusive(ctx, node, scope.id);
  if (flows.length === 0) {
    throw new ExecutionError(`No outgoing sequence flow of ${gatewayLabel} '${node.id}' could be selected: no condition holds and there is no default flow`, node.id);
  }
  ctx.takeFlows(flows, scope);
}
