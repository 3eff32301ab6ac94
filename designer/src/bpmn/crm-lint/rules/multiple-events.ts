import { eventDefinitionsOf, is, parentOf, type LintNode, type Reporter } from './moddle';

type Place = 'process start event' | 'event sub-process start event' | 'intermediate catch event' | 'boundary event' | 'intermediate throw event' | 'end event';

/** what a multiple event may combine, by where it is (the engine's multiple-event-validation.ts) */
const COMBINABLE: Readonly<Record<Place, readonly string[]>> = {
  'process start event': ['message', 'timer', 'signal'],
  'event sub-process start event': ['message', 'timer', 'signal', 'conditional', 'error', 'escalation'],
  'intermediate catch event': ['message', 'timer', 'signal', 'conditional'],
  'boundary event': ['message', 'timer', 'signal', 'conditional', 'error', 'escalation'],
  'intermediate throw event': ['signal', 'escalation'],
  'end event': ['signal', 'escalation'],
};

/** an error or escalation happens once, when thrown: a parallel multiple event cannot wait for it */
const PARALLEL_COMBINABLE: readonly string[] = ['message', 'timer', 'signal', 'conditional'];

/** 'bpmn:TimerEventDefinition' → 'timer' */
const kindOf = (definition: LintNode): string => definition.$type.replace(/^bpmn:/, '').replace(/EventDefinition$/, '').toLowerCase();

function placeOf(event: LintNode): Place | null {
  if (is(event, 'bpmn:BoundaryEvent')) return 'boundary event';
  if (is(event, 'bpmn:IntermediateCatchEvent')) return 'intermediate catch event';
  if (is(event, 'bpmn:IntermediateThrowEvent')) return 'intermediate throw event';
  if (is(event, 'bpmn:EndEvent')) return 'end event';
  if (!is(event, 'bpmn:StartEvent')) return null;
  const parent = parentOf(event);
  if (parent && is(parent, 'bpmn:Process')) return 'process start event';
  // an embedded sub-process's start events must be blank (sub-process-blank-start-event)
  return parent && is(parent, 'bpmn:SubProcess') && parent.get('triggeredByEvent') ? 'event sub-process start event' : null;
}

const interrupting = (event: LintNode): boolean =>
  is(event, 'bpmn:BoundaryEvent') ? event.get('cancelActivity') !== false : !is(event, 'bpmn:StartEvent') || event.get('isInterrupting') !== false;

/** Events with several definitions (multiple, parallel multiple): what the engine refuses at deploy. */
export default function multipleEvents() {
  function check(node: LintNode, reporter: Reporter) {
    const definitions = eventDefinitionsOf(node);
    const place = definitions.length > 1 ? placeOf(node) : null;
    if (!place) return;
    const kinds = [...new Set(definitions.map(kindOf))];
    const allowed = COMBINABLE[place];
    const refused = kinds.filter((kind) => !allowed.includes(kind));
    if (refused.length > 0) reporter.report(node.id, `A multiple ${place} may combine only ${allowed.join(', ')} definitions, but this one has ${refused.join(', ')}`);
    if (node.get('parallelMultiple') === true) {
      if (place === 'process start event') {
        reporter.report(node.id, 'The engine refuses a parallel multiple start event of a process: it would wait for triggers across instances; set parallelMultiple="false" to start on any one of them');
      } else {
        const cannotWait = kinds.filter((kind) => !PARALLEL_COMBINABLE.includes(kind));
        if (cannotWait.length > 0) reporter.report(node.id, `A parallel multiple event may wait only for ${PARALLEL_COMBINABLE.join(', ')} definitions, but this one has ${cannotWait.join(', ')}`);
      }
    }
    const conditions = definitions.filter((d) => kindOf(d) === 'conditional').length;
    if (conditions > 1) reporter.report(node.id, `A multiple event may hold one conditional definition, but this one has ${conditions}: join the conditions in one`);
    if (!interrupting(node) && kinds.includes('error')) reporter.report(node.id, 'A multiple event with an error definition must be interrupting');
  }
  return { check };
}
