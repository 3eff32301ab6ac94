import { EngineInvariantError } from '../../errors/index.js';
import { nodeOf } from '../../model/graph.js';
import type { ElementBehavior } from '../../execution/element-runtime.js';
import { completeThrowerIfDone, throwCompensation } from '../shared/compensation-throw.js';
import { throwEscalation } from '../shared/escalations.js';
import { completeExternalWork, startExternalWork } from '../shared/external-work.js';
import { throwAll } from '../shared/multiple-throws.js';
import { broadcastSignal } from '../shared/signals.js';
import { takeActivityFlows } from '../shared/flows.js';

/** Intermediate throw events: none, signal, escalation, compensation, link, message (handed to a worker), and multiple. */
export const intermediateThrowEventBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    const definition = node.eventDefinition;
    switch (definition?.kind) {
      case 'signal':
        broadcastSignal(ctx, ei, definition.signalName);
        break;
      case 'escalation':
        // thrown up to a calling process, the event waits until that one had its say
        if (throwEscalation(ctx, ei, definition.escalationCode ?? node.id) === 'waitForCaller') return;
        break;
      case 'multiple':
        throwAll(ctx, ei, node, definition);
        break;
      case 'compensate':
        // waiting, the event completes when the compensations it started are done (onChildEnded)
        if (throwCompensation(ctx, ei, definition) > 0 && definition.waitForCompletion) return;
        break;
      case 'message':
        if (node.external) {
          startExternalWork(ctx, ei, node);
          return;
        }
        break;
      default:
        break;
    }
    if (ctx.element(ei.id)) ctx.complete(ei);
  },
  onTrigger(ctx, ei, _node, trigger) {
    completeExternalWork(ctx, ei, trigger);
  },
  onChildEnded(ctx, ei) {
    completeThrowerIfDone(ctx, ei);
  },
  onLeave(ctx, ei, node) {
    const definition = node.eventDefinition;
    if (definition?.kind !== 'link') {
      takeActivityFlows(ctx, ei, node);
      return;
    }
    const targetId = ctx.graph.linkTargets.get(`${node.scopeId}/${definition.linkName}`);
    if (!targetId) throw new EngineInvariantError(`Expected a link catch event '${definition.linkName}', but there is none`);
    ctx.activate(nodeOf(ctx.graph, targetId), ctx.scopeOf(ei));
  },
};
