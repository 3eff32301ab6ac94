import type { ElementBehavior } from '../../execution/element-runtime.js';
import { fireInclusiveJoinIfReady } from './inclusive-join.js';
import { arriveAtJoin, forkInclusive } from './inclusive-steps.js';

/** Inclusive gateway: forks to every flow whose condition holds (else the default); joins the tokens that can arrive. */
export const inclusiveGatewayBehavior: ElementBehavior = {
  onArrive: arriveAtJoin,
  onTokenEndedInScope: fireInclusiveJoinIfReady,
  onEnter(ctx, ei) {
    ctx.complete(ei);
  },
  onLeave(ctx, ei, node) {
    forkInclusive(ctx, ei, node, 'inclusive gateway');
  },
};
