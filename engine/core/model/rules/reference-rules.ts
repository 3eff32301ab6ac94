import type { ModdleElement } from '../moddle-reader.js';
import type { ModelRule } from './model-rule.js';
import { moddleElementsOf, type RuleContext } from './rule-context.js';
import { REFERENCE_TYPE } from './catalogue.js';


/** which property, on which kind of element, must name which kind of element, and where the spec says so */
interface ReferenceSpec {
  readonly owner: (type: string) => boolean;
  readonly property: string;
  readonly expected: readonly string[];
  readonly section: string;
}

const is = (...types: string[]) => (type: string) => types.includes(type);
const ACTIVITY_TYPES = ['bpmn:Task', 'bpmn:ManualTask', 'bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask', 'bpmn:ScriptTask', 'bpmn:ReceiveTask', 'bpmn:SubProcess', 'bpmn:Transaction', 'bpmn:CallActivity', 'bpmn:AdHocSubProcess'];

const REFERENCES: readonly ReferenceSpec[] = [
  { owner: is('bpmn:ErrorEventDefinition'), property: 'errorRef', expected: ['bpmn:Error'], section: '10.5.5' },
  { owner: is('bpmn:EscalationEventDefinition'), property: 'escalationRef', expected: ['bpmn:Escalation'], section: '10.5.5' },
  { owner: is('bpmn:MessageEventDefinition'), property: 'messageRef', expected: ['bpmn:Message'], section: '10.5.5' },
  { owner: is('bpmn:SignalEventDefinition'), property: 'signalRef', expected: ['bpmn:Signal'], section: '10.5.5' },
  { owner: is('bpmn:CompensateEventDefinition'), property: 'activityRef', expected: ACTIVITY_TYPES, section: '10.5.5' },
  { owner: is('bpmn:ReceiveTask', 'bpmn:SendTask'), property: 'messageRef', expected: ['bpmn:Message'], section: '10.3.3' },
  { owner: (type) => type.endsWith('Gateway') || ACTIVITY_TYPES.includes(type), property: 'default', expected: ['bpmn:SequenceFlow'], section: '10.6' },
  { owner: is('bpmn:Participant'), property: 'processRef', expected: ['bpmn:Process'], section: '9.2' },
];

/** the XML reader resolves a reference by id alone: an errorRef naming a message is caught here */
export function checkReferenceTypes(context: RuleContext): void {
  for (const element of elementsToCheck(context)) {
    for (const spec of REFERENCES) {
      if (!spec.owner(element.$type)) continue;
      const target = element[spec.property] as ModdleElement | undefined;
      if (!target || spec.expected.includes(target.$type)) continue;
      const rule: ModelRule = { ...REFERENCE_TYPE, section: spec.section };
      const what = spec.expected.length === 1 ? withArticle(local(spec.expected[0]!)) : 'an activity';
      context.issues.add(ownerId(element), `Expected '${spec.property}' to name ${what}, but '${target.id ?? ''}' is ${withArticle(local(target.$type))}`, rule);
    }
  }
}

function* elementsToCheck(context: RuleContext): Generator<ModdleElement> {
  for (const { process } of context.processes) {
    for (const element of moddleElementsOf(process).values()) {
      yield element;
      yield* (element['eventDefinitions'] as ModdleElement[] | undefined) ?? [];
    }
  }
  for (const root of context.definitions.rootElements ?? []) {
    if (root.$type === 'bpmn:Collaboration') yield* (root['participants'] as ModdleElement[] | undefined) ?? [];
  }
}

/** an event definition is reported on its event */
function ownerId(element: ModdleElement): string | null {
  if (element.$type.endsWith('EventDefinition')) return element.$parent?.id ?? element.id ?? null;
  return element.id ?? null;
}

function withArticle(noun: string): string {
  return /^[AEIOU]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function local(type: string): string {
  return type.replace(/^bpmn:/, '');
}
