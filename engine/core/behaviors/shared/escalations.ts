import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import { definitionsOf, type FlowNode, type SingleEventDefinition } from '../../model/graph.js';
import { findCatcher } from './bpmn-errors.js';
import { triggerBoundaryEvent } from './boundary-events.js';
import { triggerEventSubProcess } from './event-sub-processes.js';

/**
 * Throws an escalation from `thrower`. The nearest catcher (boundary event on an enclosing
 * sub-process or call activity, or an escalation event sub-process) takes it; interrupting
 * catchers cancel the scope, non-interrupting ones let the thrower continue. Uncaught, it goes
 * to the calling process, and is otherwise ignored.
 */
export function throwEscalation(ctx: ElementRuntime, thrower: ElementInstanceRecord, code: string): void {
  const catcher = findCatcher(ctx, thrower, (node) => escalationMatch(node, code));
  if (catcher) {
    const caught = catcher.kind === 'boundary'
      ? triggerBoundaryEvent(ctx, catcher.attached, catcher.node, { escalationCode: code })
      : triggerEventSubProcess(ctx, catcher.scope, catcher.node.id, { escalationCode: code });
    const definition = escalationDefinitionOf(catcher.node, code);
    if (definition?.escalationCodeVariable) {
      ctx.variables.setJs(caught.parentId ?? ctx.aggregate.id, definition.escalationCodeVariable, code, true);
    }
    return;
  }
  const instance = ctx.aggregate.instance;
  if (instance.superInstanceId && instance.superElementInstanceId) {
    ctx.emit({
      kind: 'propagateEscalation',
      superInstanceId: instance.superInstanceId,
      superElementInstanceId: instance.superElementInstanceId,
      escalationCode: code,
    });
  }
}

/** the escalation arrives at a call activity from the process it called */
export function escalationAtCallActivity(ctx: ElementRuntime, callActivity: ElementInstanceRecord, code: string): void {
  throwEscalation(ctx, callActivity, code);
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
