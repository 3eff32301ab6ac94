import type { ElementBehavior } from '../behavior.js';
import { openCatch } from '../shared/catch-events.js';

/** Intermediate catch events wait for their message, signal, timer or condition; link catches pass on. */
export const intermediateCatchEventBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    const alreadyCaught = ei.data.triggeredBy !== undefined;
    if (alreadyCaught || node.eventDefinition?.kind === 'link') {
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
