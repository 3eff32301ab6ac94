import type { FlowNode } from '../model/graph.js';

/** Camunda's activityType names, as history and the activity-instance tree report them. */
export function activityTypeOf(node: FlowNode, multiInstanceBody = false): string {
  if (multiInstanceBody) return 'multiInstanceBody';
  const definition = node.eventDefinition;
  const event = definition?.kind === 'multiple' && definition.parallel ? 'parallelMultiple' : (definition?.kind ?? null);
  switch (node.kind) {
    case 'startEvent':
      return event ? `${event === 'compensate' ? 'compensation' : event}StartEvent` : 'startEvent';
    case 'endEvent':
      return event ? `${event === 'compensate' ? 'compensation' : event}EndEvent` : 'noneEndEvent';
    case 'intermediateCatchEvent':
      return CATCH_TYPES[event ?? ''] ?? 'intermediateCatchEvent';
    case 'intermediateThrowEvent':
      return THROW_TYPES[event ?? ''] ?? 'intermediateNoneThrowEvent';
    case 'boundaryEvent':
      return event === 'cancel' ? 'cancelBoundaryCatch' : `boundary${capitalize(event === 'compensate' ? 'compensation' : (event ?? ''))}`;
    case 'eventSubProcess':
      return 'subProcess';
    default:
      return node.kind;
  }
}

const CATCH_TYPES: Readonly<Record<string, string>> = {
  message: 'intermediateMessageCatch',
  timer: 'intermediateTimer',
  signal: 'intermediateSignalCatch',
  conditional: 'intermediateConditional',
  link: 'intermediateLinkCatch',
  multiple: 'intermediateMultipleCatch',
  parallelMultiple: 'intermediateParallelMultipleCatch',
};

const THROW_TYPES: Readonly<Record<string, string>> = {
  message: 'intermediateMessageThrowEvent',
  signal: 'intermediateSignalThrow',
  escalation: 'intermediateEscalationThrowEvent',
  compensate: 'intermediateCompensationThrowEvent',
  link: 'intermediateLinkThrow',
  multiple: 'intermediateMultipleThrowEvent',
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
