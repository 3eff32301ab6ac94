import type { ElementBehavior } from '../../execution/element-runtime.js';

/** A boundary event's token is created when its event was caught: it passes straight on. */
export const boundaryEventBehavior: ElementBehavior = {
  onEnter(ctx, ei) {
    ctx.complete(ei);
  },
};
