import type { ElementBehavior } from '../../execution/element-runtime.js';

/** Plain and manual tasks: nothing for the engine to do. */
export const passThroughTaskBehavior: ElementBehavior = {
  onEnter(ctx, ei) {
    ctx.complete(ei);
  },
};
