import type { ElementBehavior } from '../../execution/element-runtime.js';
import { completeExternalWork, startExternalWork } from '../shared/external-work.js';
import { passThroughTaskBehavior } from './pass-through-task.behavior.js';
import { scriptTaskBehavior } from './script-task.behavior.js';

/**
 * Service, send and business rule tasks: external tasks or in-process topic handlers (or
 * camunda:expression); one without an implementation completes at once (deployed with a warning).
 */
export const externalWorkTaskBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    if (node.script) {
      scriptTaskBehavior.onEnter(ctx, ei, node);
      return;
    }
    if (!node.external) {
      passThroughTaskBehavior.onEnter(ctx, ei, node);
      return;
    }
    startExternalWork(ctx, ei, node);
  },
  onTrigger(ctx, ei, _node, trigger) {
    completeExternalWork(ctx, ei, trigger);
  },
};
