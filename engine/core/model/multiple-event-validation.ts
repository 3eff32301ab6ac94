import type { FlowNode, MultipleEventDefinition, ProcessGraph, SingleEventDefinition } from './graph.js';
import type { ParseIssues } from './parse-issues.js';

type Kind = SingleEventDefinition['kind'];

/**
 * What a multiple event may combine, by where it is. Catching: the triggers that open a
 * subscription or a timer, and on boundary events and event sub-process starts also the errors
 * and escalations found when thrown. Throwing: signals and escalations, thrown one after the other.
 */
const COMBINABLE: Readonly<Record<string, readonly Kind[]>> = {
  processStart: ['message', 'timer', 'signal'],
  eventSubProcessStart: ['message', 'timer', 'signal', 'conditional', 'error', 'escalation'],
  intermediateCatchEvent: ['message', 'timer', 'signal', 'conditional'],
  boundaryEvent: ['message', 'timer', 'signal', 'conditional', 'error', 'escalation'],
  intermediateThrowEvent: ['signal', 'escalation'],
  endEvent: ['signal', 'escalation'],
};

/** triggers a parallel multiple event can wait for side by side: an error or escalation cannot wait for anything */
const PARALLEL_COMBINABLE: readonly Kind[] = ['message', 'timer', 'signal', 'conditional'];

/** The rules for events with several event definitions (multiple and parallel multiple), checked at deployment. */
export function validateMultipleEvent(graph: ProcessGraph, node: FlowNode, multiple: MultipleEventDefinition, issues: ParseIssues): void {
  const where = placeOf(graph, node);
  // an embedded sub-process's start events are refused unless they are none events (validation.ts)
  if (!where) return;
  const allowed = COMBINABLE[where] ?? [];
  for (const kind of new Set(multiple.definitions.map((d) => d.kind))) {
    if (!allowed.includes(kind)) {
      issues.add(node.id, `Expected a multiple ${describe(where)} to combine only ${allowed.join(', ')} event definitions, but it has ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} event definition`);
    }
  }
  if (multiple.parallel) validateParallel(node, multiple, where, issues);
  const conditions = multiple.definitions.filter((d) => d.kind === 'conditional').length;
  if (conditions > 1) {
    issues.add(node.id, `Expected at most one conditional event definition in a multiple event, but it has ${conditions} (join the conditions in one)`);
  }
  if (!node.interrupting && multiple.definitions.some((d) => d.kind === 'error')) {
    issues.add(node.id, 'Expected a multiple event with an error event definition to be interrupting, but it is not');
  }
}

function validateParallel(node: FlowNode, multiple: MultipleEventDefinition, where: string, issues: ParseIssues): void {
  if (where === 'processStart') {
    issues.add(node.id, 'Expected a parallel multiple start event only in an event sub-process, but it starts the process: '
      + 'BPMN 2.0 (table 10.84) instantiates the process only after all of its triggers happened, which would have to be collected across instances (not supported; use parallelMultiple="false" to start on any one of them)');
    return;
  }
  const refused = [...new Set(multiple.definitions.map((d) => d.kind))].filter((kind) => !PARALLEL_COMBINABLE.includes(kind));
  if (refused.length > 0) {
    issues.add(node.id, `Expected a parallel multiple event to wait only for ${PARALLEL_COMBINABLE.join(', ')} event definitions, but it has ${refused.join(', ')} (they happen once, when thrown, and cannot wait for the others)`);
  }
}

function placeOf(graph: ProcessGraph, node: FlowNode): string | null {
  if (node.kind !== 'startEvent') return node.kind;
  if (node.scopeId === graph.id) return 'processStart';
  return graph.nodes.get(node.scopeId)?.kind === 'eventSubProcess' ? 'eventSubProcessStart' : null;
}

function describe(where: string): string {
  switch (where) {
    case 'processStart':
      return 'start event of a process';
    case 'eventSubProcessStart':
      return 'start event of an event sub-process';
    default:
      return where;
  }
}
