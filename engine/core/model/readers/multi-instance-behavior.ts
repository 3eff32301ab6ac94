import type { EventDefinition, MultiInstanceBehaviorSpec, MultiInstanceEventBehavior } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';
import { readEventDefinition } from './event-definitions.js';
import { bodyOf } from './extensions.js';

const BEHAVIORS: readonly MultiInstanceEventBehavior[] = ['None', 'One', 'All', 'Complex'];

/** the events a multi-instance activity may throw as its inner instances complete: caught by boundary events or event sub-processes */
const THROWABLE: readonly EventDefinition['kind'][] = ['signal', 'escalation'];

/**
 * The multi-instance `behavior` (BPMN 2.0 section 10.2.8, table 10.28): which events the activity
 * throws when its inner instances complete. `None` throws `noneBehaviorEventRef` after every inner
 * instance, `One` throws `oneBehaviorEventRef` after the first, `All` (the default) throws nothing,
 * `Complex` throws the event of each `complexBehaviorDefinition` whose condition holds.
 */
export function readMultiInstanceBehavior(activityId: string, loop: ModdleElement, issues: ParseIssues): MultiInstanceBehaviorSpec {
  const behavior = (loop['behavior'] ?? 'All') as MultiInstanceEventBehavior;
  if (!BEHAVIORS.includes(behavior)) {
    issues.add(activityId, `Expected the multi-instance behavior to be None, One, All or Complex, but got '${String(behavior)}'`);
    return { behavior: 'All', event: null, complex: [] };
  }
  if (behavior === 'None' || behavior === 'One') {
    const attribute = behavior === 'None' ? 'noneBehaviorEventRef' : 'oneBehaviorEventRef';
    const referenced = loop[attribute] as ModdleElement | undefined;
    if (!referenced) {
      issues.add(activityId, `Expected ${attribute} naming the event definition to throw with multi-instance behavior="${behavior}", but it is missing`);
      return { behavior, event: null, complex: [] };
    }
    return { behavior, event: readThrown(activityId, attribute, [referenced], issues), complex: [] };
  }
  if (behavior === 'All') return { behavior, event: null, complex: [] };
  const definitions = (loop['complexBehaviorDefinition'] as ModdleElement[] | undefined) ?? [];
  if (definitions.length === 0) {
    issues.add(activityId, 'Expected at least one complexBehaviorDefinition with multi-instance behavior="Complex", but there is none');
  }
  const complex = definitions.map((definition, index) => {
    const where = `complexBehaviorDefinition ${definition.id ?? index + 1}`;
    const conditionText = bodyOf(definition, 'condition');
    if (!conditionText) issues.add(activityId, `Expected a condition in ${where}, but it has none`);
    const event = definition['event'] as ModdleElement | undefined;
    const eventDefinitions = [
      ...((event?.['eventDefinitions'] as ModdleElement[] | undefined) ?? []),
      ...((event?.['eventDefinitionRef'] as (ModdleElement | undefined)[] | undefined) ?? []).filter((d): d is ModdleElement => d !== undefined),
    ];
    return {
      condition: issues.expression(activityId, `${where} condition`, conditionText ?? '${false}'),
      event: readThrown(activityId, `the event of ${where}`, eventDefinitions, issues),
    };
  });
  return { behavior, event: null, complex };
}

function readThrown(activityId: string, where: string, definitions: ModdleElement[], issues: ParseIssues): EventDefinition | null {
  if (definitions.length !== 1) {
    issues.add(activityId, `Expected ${where} to have exactly one event definition, but it has ${definitions.length}`);
    return null;
  }
  // read as the definition of a throw event, by the same rules as one written in the process
  const event = { $type: 'bpmn:IntermediateThrowEvent', id: activityId, eventDefinitions: definitions };
  const definition = readEventDefinition(event, issues);
  if (definition && !THROWABLE.includes(definition.kind)) {
    issues.add(activityId, `Expected ${where} to be a signal or escalation event definition, but it is ${definition.kind}`);
    return null;
  }
  return definition;
}
