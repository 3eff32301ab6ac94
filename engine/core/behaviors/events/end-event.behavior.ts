import type { ElementBehavior } from '../../execution/element-runtime.js';
import { throwBpmnError } from '../shared/bpmn-errors.js';
import { throwEscalation } from '../shared/escalations.js';
import { completeThrowerIfDone, throwCompensation } from '../shared/compensation-throw.js';
import { takeActivityFlows } from '../shared/flows.js';
import { throwAll } from '../shared/multiple-throws.js';
import { broadcastSignal } from '../shared/signals.js';
import { cancelTransaction, leaveThroughCancelBoundary } from '../shared/transactions.js';
import { startExternalWork, completeExternalWork } from '../shared/external-work.js';

/** End events: none, terminate, error, escalation, signal, compensation, cancel, message (handed to a worker) and multiple. */
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
        if (throwEscalation(ctx, ei, definition.escalationCode ?? node.id) === 'waitForCaller') return;
        if (ctx.element(ei.id)) ctx.complete(ei);
        return;
      }
      case 'signal': {
        broadcastSignal(ctx, ei, definition.signalName);
        // an interrupting catcher of the signal may have cancelled this end event with its scope
        if (ctx.element(ei.id)) ctx.complete(ei);
        return;
      }
      case 'multiple': {
        throwAll(ctx, ei, node, definition);
        if (ctx.element(ei.id)) ctx.complete(ei);
        return;
      }
      case 'compensate': {
        // waiting, the event completes when the compensations it started are done (onChildEnded)
        if (throwCompensation(ctx, ei, definition) > 0 && definition.waitForCompletion) return;
        ctx.complete(ei);
        return;
      }
      case 'cancel': {
        if (cancelTransaction(ctx, ei)) return;
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
  onChildEnded(ctx, ei) {
    completeThrowerIfDone(ctx, ei);
  },
  onLeave(ctx, ei, node) {
    if (node.eventDefinition?.kind === 'cancel') leaveThroughCancelBoundary(ctx, ei);
    else takeActivityFlows(ctx, ei, node);
  },
};
