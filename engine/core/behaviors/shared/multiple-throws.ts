import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode, MultipleEventDefinition } from '../../model/graph.js';
import { throwEscalation } from './escalations.js';
import { broadcastSignal } from './signals.js';

/**
 * A multiple throw event (intermediate or end) throws every one of its definitions (BPMN 2.0
 * section 10.5.1; only signals and escalations may be combined, see multiple-event-validation.ts):
 * the signals first, as they reach their catchers after this command's instance work anyway, then
 * the escalations in document order, until an interrupting catcher cancels the thrower.
 */
export function throwAll(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode, multiple: MultipleEventDefinition): void {
  for (const definition of multiple.definitions) {
    if (definition.kind === 'signal') broadcastSignal(ctx, ei, definition.signalName);
  }
  for (const definition of multiple.definitions) {
    if (definition.kind !== 'escalation' || !ctx.element(ei.id)) continue;
    throwEscalation(ctx, ei, definition.escalationCode ?? node.id);
  }
}
