import type { ElementBehavior } from '../../execution/element-runtime.js';

/** Start events of every kind: the trigger already happened when the token arrives here. */
export const startEventBehavior: ElementBehavior = {
  onEnter(ctx, ei) {
    ctx.complete(ei);
  },
};
