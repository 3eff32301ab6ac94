import type { ElementBehavior } from '../../execution/element-runtime.js';
import { waitForEventBehavior } from '../shared/wait-for-event.js';

/** Intermediate catch events wait for their message, signal, timer or condition; link catches pass on. */
export const intermediateCatchEventBehavior: ElementBehavior = {
  ...waitForEventBehavior,
  onEnter(ctx, ei, node) {
    if (node.eventDefinition?.kind === 'link') {
      ctx.complete(ei);
      return;
    }
    waitForEventBehavior.onEnter(ctx, ei, node);
  },
};
