import { eventDefinitionsOf } from '../readers/event-definitions.js';
import { stringProperty } from '../readers/extensions.js';
import type { ModdleElement } from '../moddle-reader.js';
import { moddleElementsOf, type RuleContext } from './rule-context.js';
import { ERROR_START_INTERRUPTING, ERROR_THROW_REFERENCE, ESCALATION_THROW_REFERENCE, MESSAGE_THROW_WITHOUT_MESSAGE, START_TRIGGER_IN_EVENT_SUB_PROCESS } from './catalogue.js';


/** error and escalation start events only react inside what raised them: an event sub-process */
export function checkStartEvents(context: RuleContext): void {
  for (const { graph } of context.processes) {
    for (const node of graph.nodes.values()) {
      const kind = node.eventDefinition?.kind;
      if (node.kind !== 'startEvent' || (kind !== 'error' && kind !== 'escalation')) continue;
      const inEventSubProcess = graph.nodes.get(node.scopeId)?.kind === 'eventSubProcess';
      if (!inEventSubProcess) {
        const where = node.scopeId === graph.id ? `the process '${graph.id}'` : `the sub-process '${node.scopeId}'`;
        context.issues.add(node.id, `Expected an ${kind} start event only in an event sub-process, but it starts ${where}`, START_TRIGGER_IN_EVENT_SUB_PROCESS);
      } else if (kind === 'error' && !node.interrupting) {
        context.issues.add(node.id, 'Expected an error start event to interrupt its scope, but isInterrupting is false (an error ends what raised it)', ERROR_START_INTERRUPTING);
      }
    }
  }
}

/**
 * What an executable process throws must say what: an escalation its escalationRef (error throws
 * without errorRef are refused where the error end event is read). A message throw without a
 * message or a worker (camunda:topic, camunda:expression) sends nothing: legal, so only a warning.
 */
export function checkThrowReferences(context: RuleContext): void {
  for (const { process } of context.processes) {
    for (const element of moddleElementsOf(process).values()) {
      if (element.$type !== 'bpmn:EndEvent' && element.$type !== 'bpmn:IntermediateThrowEvent') continue;
      for (const definition of eventDefinitionsOf(element)) checkThrow(element, definition, context);
    }
  }
}

function checkThrow(event: ModdleElement, definition: ModdleElement, context: RuleContext): void {
  const id = event.id ?? null;
  if (definition.$type === 'bpmn:EscalationEventDefinition' && !definition['escalationRef']) {
    context.issues.add(id, 'Expected the escalation throw event to reference an escalation (escalationRef), but it references none', ESCALATION_THROW_REFERENCE);
  }
  if (definition.$type === 'bpmn:MessageEventDefinition' && !definition['messageRef'] && !hasImplementation(definition)) {
    context.issues.warn(id, 'Expected the message throw event to reference a message (messageRef) or to hand the sending to a worker (camunda:topic, camunda:expression), but it does neither: it sends nothing and passes at once', MESSAGE_THROW_WITHOUT_MESSAGE);
  }
}

function hasImplementation(definition: ModdleElement): boolean {
  return ['topic', 'expression', 'class', 'delegateExpression', 'type'].some((attribute) => stringProperty(definition, attribute) !== null);
}
