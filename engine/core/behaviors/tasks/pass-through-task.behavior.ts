import type { ElementBehavior } from '../behavior.js';

/** Plain and manual tasks: nothing for the engine to do. */
export const passThroughTaskBehavior: ElementBehavior = {
  onEnter(ctx, ei) {
    ctx.complete(ei);
  },
};
