import type { ElementBehavior } from '../../execution/element-runtime.js';
import { emitCycleOccurrence, keepsWaitingOnCycle } from '../shared/cycle-catch.js';
import { waitForEventBehavior } from '../shared/wait-for-event.js';

/**
 * Intermediate catch events wait for their message, signal, timer or condition; link catches pass
 * on. A timer cycle sends a token on for each occurrence and completes with the last one.
 */
export const intermediateCatchEventBehavior: ElementBehavior = {
  ...waitForEventBehavior,
  onEnter(ctx, ei, node) {
    if (node.eventDefinition?.kind === 'link') {
      ctx.complete(ei);
      return;
    }
    waitForEventBehavior.onEnter(ctx, ei, node);
  },
  onTrigger(ctx, ei, node, trigger) {
    if (trigger.kind === 'event' && trigger.eventKind === 'timer' && keepsWaitingOnCycle(node, ei)) {
      emitCycleOccurrence(ctx, ei, node);
      return;
    }
    waitForEventBehavior.onTrigger!(ctx, ei, node, trigger);
  },
};
