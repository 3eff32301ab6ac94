import type { ElementBehavior } from '../behavior.js';
import { openCatch } from '../shared/catch-events.js';

/** A receive task waits for its message. */
export const receiveTaskBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    if (ei.data.triggeredBy !== undefined) {
      ctx.complete(ei);
      return;
    }
    openCatch(ctx, ei, node);
  },
  onTrigger(ctx, ei, _node, trigger) {
    if (trigger.kind !== 'event') return;
    ctx.complete(ei);
  },
};
