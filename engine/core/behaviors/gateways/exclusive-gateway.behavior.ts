import { ExecutionError } from '../../errors/index.js';
import type { ElementBehavior } from '../../execution/element-runtime.js';
import { chooseExclusive } from '../shared/flows.js';

/** Exclusive gateway: the first outgoing flow whose condition holds, else the default flow. Merging needs no join. */
export const exclusiveGatewayBehavior: ElementBehavior = {
  onEnter(ctx, ei) {
    ctx.complete(ei);
  },
  onLeave(ctx, ei, node) {
    const scope = ctx.scopeOf(ei);
    const flowId = chooseExclusive(ctx, node, scope.id);
    if (!flowId) {
      throw new ExecutionError(`No outgoing sequence flow of exclusive gateway '${node.id}' could be selected: no condition holds and there is no default flow`, node.id);
    }
    ctx.takeFlow(flowId, scope);
  },
};
