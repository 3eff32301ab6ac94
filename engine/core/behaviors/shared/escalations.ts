import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import { definitionsOf, type FlowNode, type SingleEventDefinition } from '../../model/graph.js';
import { findCatcher, type Catcher } from './bpmn-errors.js';
import { triggerBoundaryEvent } from './boundary-events.js';
import { triggerEventSubProcess } from './event-sub-processes.js';

/**
 * What the thrower does next: 'continue' (caught here, or by nobody; an interrupting catcher may
 * have cancelled the thrower, so check it still exists), or 'waitForCaller': the calling process
 * decides (see escalation-propagation), and continues the thrower unless it cancels it.
 */
export type EscalationOutcome = 'continue' | 'waitForCaller';

/**
 * Throws an escalation from `thrower`. The nearest catcher walking outwards takes it (see
 * findCatcher: the event sub-processes of a scope, then the boundary events of that scope's
 * activity, then the next scope); interrupting catchers cancel their scope, non-interrupting ones
 * let the thrower continue. Uncaught, it goes to the calling process, and is otherwise ignored.
 */
export function throwEscalation(ctx: ElementRuntime, thrower: ElementInstanceRecord, code: string): EscalationOutcome {
  const catcher = findEscalationCatcher(ctx, thrower, code);
  if (catcher) {
    catchEscalation(ctx, catcher, code);
    return 'continue';
  }
  const instance = ctx.aggregate.instance;
  if (!instance.superInstanceId || !instance.superElementInstanceId) return 'continue';
  ctx.emit({
    kind: 'propagateEscalation',
    superInstanceId: instance.superInstanceId,
    superElementInstanceId: instance.superElementInstanceId,
    escalationCode: code,
    thrower: { instanceId: ctx.aggregate.id, elementInstanceId: thrower.id },
  });
  return 'waitForCaller';
}

/** the catcher of an escalation thrown at `from` within this instance, if any */
export function findEscalationCatcher(ctx: ElementRuntime, from: ElementInstanceRecord, code: string): Catcher | null {
  return findCatcher(ctx, from, (node) => escalationMatch(node, code));
}

export function catchEscalation(ctx: ElementRuntime, catcher: Catcher, code: string): void {
  const caught = catcher.kind === 'boundary'
    ? triggerBoundaryEvent(ctx, catcher.attached, catcher.node, { escalationCode: code })
    : triggerEventSubProcess(ctx, catcher.scope, catcher.node.id, { escalationCode: code });
  const definition = escalationDefinitionOf(catcher.node, code);
  if (definition?.escalationCodeVariable) {
    ctx.variables.setJs(caught.parentId ?? ctx.aggregate.id, definition.escalationCodeVariable, code, true);
  }
}

type EscalationDefinition = Extract<SingleEventDefinition, { kind: 'escalation' }>;

/** the catcher's escalation definition that caught `code`: its own, or the best among a multiple event's */
function escalationDefinitionOf(node: FlowNode, code: string): EscalationDefinition | undefined {
  const escalations = definitionsOf(node).filter((d): d is EscalationDefinition => d.kind === 'escalation');
  return escalations.find((d) => d.escalationCode === code) ?? escalations.find((d) => d.escalationCode === null);
}

/** 2 = exact code, 1 = catch-all, 0 = no match */
function escalationMatch(node: FlowNode, code: string): number {
  const definition = escalationDefinitionOf(node, code);
  if (!definition) return 0;
  return definition.escalationCode === null ? 1 : 2;
}
