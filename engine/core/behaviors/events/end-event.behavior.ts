import type { ElementBehavior } from '../behavior.js';
import { throwBpmnError } from '../shared/bpmn-errors.js';
import { throwEscalation } from '../shared/escalations.js';
import { broadcastSignal } from '../shared/signals.js';
import { startExternalWork, completeExternalWork } from '../shared/external-work.js';

/** End events: none, terminate, error, escalation, signal and message (handed to a worker). */
export const endEventBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    const definition = node.eventDefinition;
    switch (definition?.kind) {
      case 'terminate': {
        ctx.terminateChildren(ctx.scopeOf(ei), `terminated by end event '${node.id}'`, ei.id);
        ctx.complete(ei);
        return;
      }
      case 'error': {
        const code = definition.errorCode ?? node.id;
        // caught: the catcher cancelled this scope; uncaught: this end event ends like a none end event
        throwBpmnError(ctx, ei, { code, message: definition.errorMessage }, 'complete');
        return;
      }
      case 'escalation': {
        throwEscalation(ctx, ei, definition.escalationCode ?? node.id);
        if (ctx.element(ei.id)) ctx.complete(ei);
        return;
      }
      case 'signal': {
        broadcastSignal(ctx, ei, definition.signalName);
        ctx.complete(ei);
        return;
      }
      case 'message':
        if (node.external) {
          startExternalWork(ctx, ei, node);
          return;
        }
        ctx.complete(ei);
        return;
      default:
        ctx.complete(ei);
    }
  },
  onTrigger(ctx, ei, _node, trigger) {
    completeExternalWork(ctx, ei, trigger);
  },
};
