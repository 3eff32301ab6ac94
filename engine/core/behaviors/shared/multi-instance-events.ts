import type { CompiledExpression } from '../../expressions/index.js';
import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { EventDefinition, MultiInstanceSpec } from '../../model/graph.js';
import { throwEscalation } from './escalations.js';
import { broadcastSignal } from './signals.js';

/**
 * After an inner instance completed, the multi-instance body throws what its `behavior` asks for
 * (BPMN 2.0 table 10.28): `None` every time, `One` on the first completion, `Complex` each event
 * whose condition holds. The body throws, so boundary events on the activity catch it.
 * `innerConditionHolds` evaluates a condition as the completion condition is evaluated.
 */
export function throwBehaviorEvents(
  ctx: ElementRuntime,
  spec: MultiInstanceSpec,
  body: ElementInstanceRecord,
  completedInstances: number,
  innerConditionHolds: (condition: CompiledExpression) => boolean,
): void {
  const { behavior, event, complex } = spec.eventBehavior;
  if (behavior === 'None' || (behavior === 'One' && completedInstances === 1)) {
    throwEvent(ctx, body, event);
    return;
  }
  if (behavior !== 'Complex') return;
  const holding = complex.filter((definition) => innerConditionHolds(definition.condition));
  for (const definition of holding) {
    if (!ctx.element(body.id)) return;
    throwEvent(ctx, ctx.requireElement(body.id), definition.event);
  }
}

function throwEvent(ctx: ElementRuntime, body: ElementInstanceRecord, event: EventDefinition | null): void {
  if (event?.kind === 'escalation') throwEscalation(ctx, body, event.escalationCode ?? body.elementId);
  else if (event?.kind === 'signal') broadcastSignal(ctx, body, event.signalName);
}
