import type { ElementBehavior } from '../../execution/element-runtime.js';
import { openCatch } from './catch-events.js';

/**
 * An element that waits for its own event (message, signal, timer, condition) and completes when
 * it arrives; entered after an event-based gateway already caught the event, it passes on at once.
 */
export const waitForEventBehavior: ElementBehavior = {
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
