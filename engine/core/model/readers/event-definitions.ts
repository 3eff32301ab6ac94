import { validateTimerText, type TimerKind } from '../../timers/index.js';
import type { EventDefinition, SingleEventDefinition } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';
import { bodyOf, stringProperty } from './extensions.js';
import { ERROR_THROW_REFERENCE } from '../rules/catalogue.js';

/**
 * The event definitions of an event: those written inside it, then those declared at the root of the
 * definitions and referenced with `<eventDefinitionRef>` (BPMN 2.0 section 10.4.5). Both are read the
 * same way, so every behaviour works unchanged for either. References to elements that are not event
 * definitions are left out here and refused by `refuseForeignDefinitionRefs`.
 */
export function eventDefinitionsOf(event: ModdleElement): ModdleElement[] {
  const inline = (event['eventDefinitions'] as ModdleElement[] | undefined) ?? [];
  return [...inline, ...referencedDefinitionsOf(event).filter(isEventDefinition)];
}

function referencedDefinitionsOf(event: ModdleElement): ModdleElement[] {
  return ((event['eventDefinitionRef'] as (ModdleElement | undefined)[] | undefined) ?? []).filter((d): d is ModdleElement => d !== undefined);
}

function isEventDefinition(element: ModdleElement): boolean {
  return element.$type.startsWith('bpmn:') && element.$type.endsWith('EventDefinition');
}

/** an eventDefinitionRef must name an event definition; an unknown id is refused when the XML is read */
function refuseForeignDefinitionRefs(event: ModdleElement, issues: ParseIssues): void {
  for (const referenced of referencedDefinitionsOf(event)) {
    if (isEventDefinition(referenced)) continue;
    issues.add(
      event.id ?? null,
      `Expected eventDefinitionRef to name an event definition declared at the root of the definitions (BPMN 2.0 section 10.4.5), but '${referenced.id ?? ''}' is a ${referenced.$type.replace('bpmn:', '')}`,
    );
  }
}

/**
 * Reads the event definitions of an event, inline and referenced: null when it has none, the one
 * it has, or a multiple event holding them all in document order (inline first), parallel when
 * the event says parallelMultiple="true".
 */
export function readEventDefinition(event: ModdleElement, issues: ParseIssues): EventDefinition | null {
  refuseForeignDefinitionRefs(event, issues);
  const definitions = eventDefinitionsOf(event)
    .map((definition) => readOneDefinition(event, definition, issues))
    .filter((definition): definition is SingleEventDefinition => definition !== null);
  if (definitions.length === 0) return null;
  if (definitions.length === 1) return definitions[0]!;
  return { kind: 'multiple', parallel: event['parallelMultiple'] === true, definitions };
}

function readOneDefinition(event: ModdleElement, definition: ModdleElement, issues: ParseIssues): SingleEventDefinition | null {
  const id = event.id ?? '';
  switch (definition.$type) {
    case 'bpmn:MessageEventDefinition':
      return readMessage(id, definition, issues);
    case 'bpmn:TimerEventDefinition':
      return readTimer(id, definition, issues);
    case 'bpmn:SignalEventDefinition':
      return readSignal(id, definition, issues);
    case 'bpmn:ErrorEventDefinition':
      return readError(event, definition, issues);
    case 'bpmn:EscalationEventDefinition': {
      const escalation = definition['escalationRef'] as ModdleElement | undefined;
      return {
        kind: 'escalation',
        escalationCode: stringProperty(escalation, 'escalationCode'),
        escalationCodeVariable: stringProperty(definition, 'escalationCodeVariable'),
      };
    }
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate' };
    case 'bpmn:CancelEventDefinition':
      return { kind: 'cancel' };
    case 'bpmn:CompensateEventDefinition': {
      const activity = definition['activityRef'] as ModdleElement | undefined;
      return { kind: 'compensate', activityRef: activity?.id ?? null, waitForCompletion: definition['waitForCompletion'] !== false };
    }
    case 'bpmn:ConditionalEventDefinition': {
      const text = bodyOf(definition, 'condition');
      if (!text) issues.add(id, 'Expected a condition in the conditional event definition, but it has none');
      const events = stringProperty(definition, 'variableEvents');
      return {
        kind: 'conditional',
        condition: issues.expression(id, 'condition', text ?? '${false}'),
        variableName: stringProperty(definition, 'variableName'),
        variableEvents: events ? events.split(',').map((e) => e.trim()).filter(Boolean) : [],
      };
    }
    case 'bpmn:LinkEventDefinition': {
      const name = stringProperty(definition, 'name');
      if (!name) issues.add(id, 'Expected the link event definition to have a name, but it has none');
      return { kind: 'link', linkName: name ?? '' };
    }
    default:
      issues.add(id, `Expected a supported event definition, but '${definition.$type}' is not supported`);
      return null;
  }
}

function readMessage(id: string, definition: ModdleElement, issues: ParseIssues): SingleEventDefinition {
  const message = definition['messageRef'] as ModdleElement | undefined;
  const name = stringProperty(message, 'name');
  return { kind: 'message', messageName: issues.expression(id, 'message name', name ?? '') };
}

function readSignal(id: string, definition: ModdleElement, issues: ParseIssues): SingleEventDefinition {
  const signal = definition['signalRef'] as ModdleElement | undefined;
  const name = stringProperty(signal, 'name');
  if (!name) issues.add(id, 'Expected the signal event definition to reference a signal with a name, but it does not');
  return { kind: 'signal', signalName: issues.expression(id, 'signal name', name ?? '') };
}

/**
 * A catching error event (boundary, event sub-process start) whose error has no errorCode catches
 * every error, as in Camunda 7 (the Modeler creates such errors by default). A throwing one (an
 * error end event) must name an error with a code, as Camunda 7 requires at deployment: an error
 * without a code could only be caught by a catch-all, and its code would be made up.
 */
function readError(event: ModdleElement, definition: ModdleElement, issues: ParseIssues): SingleEventDefinition {
  const error = definition['errorRef'] as ModdleElement | undefined;
  const catching = event.$type === 'bpmn:BoundaryEvent' || event.$type === 'bpmn:StartEvent';
  const code = stringProperty(error, 'errorCode');
  if (!catching && !error) {
    issues.add(event.id ?? '', "Expected the error end event to reference an error (errorRef), but it references none (Camunda 7 requires one)", ERROR_THROW_REFERENCE);
  } else if (!catching && !code) {
    issues.add(event.id ?? '', `Expected the error '${error!.id ?? ''}' thrown by the error end event to have an errorCode, but it has none (Camunda 7 requires one)`);
  }
  return {
    kind: 'error',
    errorCode: error ? code : null,
    errorMessage: stringProperty(error, 'errorMessage'),
    errorCodeVariable: stringProperty(definition, 'errorCodeVariable'),
    errorMessageVariable: stringProperty(definition, 'errorMessageVariable'),
  };
}

const TIMER_PROPERTIES: readonly [string, TimerKind][] = [
  ['timeDate', 'date'],
  ['timeDuration', 'duration'],
  ['timeCycle', 'cycle'],
];

function readTimer(id: string, definition: ModdleElement, issues: ParseIssues): SingleEventDefinition {
  const present = TIMER_PROPERTIES.filter(([property]) => bodyOf(definition, property) !== null);
  if (present.length !== 1) {
    issues.add(id, `Expected exactly one of timeDate, timeDuration or timeCycle in the timer, but found ${present.length}`);
    return { kind: 'timer', timerKind: 'duration', expression: issues.expression(id, 'timer', 'PT0S') };
  }
  const [property, timerKind] = present[0]!;
  const text = bodyOf(definition, property)!;
  try {
    validateTimerText(timerKind, text);
  } catch (error) {
    issues.add(id, `Expected a valid ${property}, but ${error instanceof Error ? error.message : String(error)}`);
  }
  return { kind: 'timer', timerKind, expression: issues.expression(id, property, text) };
}

/** message throw events: the message name may be unknown when they only hand work to a worker */
export function messageNameOf(definition: EventDefinition | null): string | null {
  return definition?.kind === 'message' && definition.messageName.isLiteral ? String(definition.messageName.source) : null;
}
