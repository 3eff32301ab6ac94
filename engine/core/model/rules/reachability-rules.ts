import type { FlowNode, ProcessGraph, ScopeSpec } from '../graph.js';
import { moddleElementsOf, type RuleContext } from './rule-context.js';
import { UNREACHABLE_ELEMENT } from './catalogue.js';


/** elements no token can reach: legal, but almost always a modelling slip */
export function checkReachability(context: RuleContext): void {
  for (const { process, graph } of context.processes) {
    const elements = moddleElementsOf(process);
    // an instantiating receive task or event-based gateway is where an instance may begin
    const instantiating = [...graph.nodes.keys()].filter((id) => elements.get(id)?.['instantiate'] === true);
    const reached = reachedNodes(graph, instantiating);
    for (const node of graph.nodes.values()) {
      if (reached.has(node.id) || node.isForCompensation || isCompensationBoundary(node)) continue;
      // inside an unreached sub-process only the sub-process itself is reported
      if (node.scopeId !== graph.id && !reached.has(node.scopeId)) continue;
      context.issues.warn(node.id, `Expected every element to be reachable from a start event, but no path leads to the ${node.kind} '${node.id}'`, UNREACHABLE_ELEMENT);
    }
  }
}

function reachedNodes(graph: ProcessGraph, alsoEntries: readonly string[]): Set<string> {
  const reached = new Set<string>();
  const queue: string[] = [];
  const visit = (id: string | undefined) => {
    if (id && !reached.has(id) && graph.nodes.has(id)) {
      reached.add(id);
      queue.push(id);
    }
  };
  const enter = (scope: ScopeSpec) => {
    entriesOf(graph, scope).forEach(visit);
    scope.eventSubProcesses.forEach(visit);
  };
  enter(graph.scope);
  alsoEntries.forEach(visit);
  while (queue.length > 0) {
    const node = graph.nodes.get(queue.pop()!)!;
    for (const flowId of node.outgoing) visit(graph.flows.get(flowId)?.targetId);
    node.boundaryEvents.forEach(visit);
    if (node.scope) enter(node.scope);
    if (node.eventDefinition?.kind === 'link' && node.kind === 'intermediateThrowEvent') {
      visit(graph.linkTargets.get(`${node.scopeId}/${node.eventDefinition.linkName}`));
    }
  }
  return reached;
}

/** a scope starts at its start events; one without any starts at every node no flow enters */
function entriesOf(graph: ProcessGraph, scope: ScopeSpec): readonly string[] {
  if (scope.startEvents.length > 0) return scope.startEvents;
  return scope.children.filter((id) => {
    const node = graph.nodes.get(id);
    return node !== undefined && node.incoming.length === 0 && node.kind !== 'boundaryEvent' && node.kind !== 'eventSubProcess';
  });
}

function isCompensationBoundary(node: FlowNode): boolean {
  return node.kind === 'boundaryEvent' && node.eventDefinition?.kind === 'compensate';
}
