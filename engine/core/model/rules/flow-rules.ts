import type { FlowNode, ProcessGraph } from '../graph.js';
import { isActivity } from '../graph.js';
import { describeNode, moddleElementsOf, quote, type RuleContext } from './rule-context.js';
import { INCOMING_REQUIRED, INTERMEDIATE_EVENT_FLOWS, OUTGOING_REQUIRED, SINGLE_CONDITIONAL_FLOW } from './catalogue.js';


/**
 * A scope with a start event is entered only through it, so every other node needs a way in. A
 * scope with an end event should be left only through one, so every other node needs a way on; Camunda 7
 * ends the path at a node without one, so that is a warning. Compensation
 * handlers and event sub-processes stand apart from the flow; boundary events are entered by their host.
 */
export function checkSequenceFlowPresence(context: RuleContext): void {
  for (const { process, graph } of context.processes) {
    const elements = moddleElementsOf(process);
    for (const node of graph.nodes.values()) {
      if (node.isForCompensation || node.kind === 'eventSubProcess' || node.kind === 'boundaryEvent') continue;
      if (node.kind === 'intermediateCatchEvent' || node.kind === 'intermediateThrowEvent') {
        checkIntermediateEvent(node, graph.nodes.get(node.scopeId)?.kind === 'adHocSubProcess', context);
        continue;
      }
      const scope = scopeKinds(graph, node.scopeId);
      // an instantiating receive task or event-based gateway starts the process itself
      const instantiates = elements.get(node.id)?.['instantiate'] === true;
      if (node.kind !== 'startEvent' && !instantiates && scope.hasStart && node.incoming.length === 0) {
        context.issues.add(node.id, `Expected the ${node.kind} to have an incoming sequence flow, since its scope '${node.scopeId}' has a start event, but it has none`, INCOMING_REQUIRED);
      }
      if (node.kind !== 'endEvent' && scope.hasEnd && node.outgoing.length === 0) {
        context.issues.warn(node.id, `Expected the ${node.kind} to have an outgoing sequence flow, since its scope '${node.scopeId}' has an end event, but it has none: the path ends there, as in Camunda 7`, OUTGOING_REQUIRED);
      }
    }
  }
}

/**
 * An intermediate event sits in the flow: something leads to it (a link catch being the far half of a
 * jump). In an ad-hoc sub-process one that no flow enters is an enabled activity, started by hand.
 */
function checkIntermediateEvent(node: FlowNode, inAdHoc: boolean, context: RuleContext): void {
  const link = node.eventDefinition?.kind === 'link';
  if (inAdHoc) return;
  if (node.kind === 'intermediateCatchEvent' && !link && node.incoming.length === 0) {
    context.issues.add(node.id, 'Expected the intermediate catch event to have an incoming sequence flow, but it has none', INTERMEDIATE_EVENT_FLOWS);
  }
  if (node.kind === 'intermediateThrowEvent' && node.incoming.length === 0) {
    context.issues.add(node.id, 'Expected the intermediate throw event to have an incoming sequence flow, but it has none', INTERMEDIATE_EVENT_FLOWS);
  }
  // without a way on the path ends at the event, as in Camunda 7: legal there, so only a warning
  if (node.kind === 'intermediateCatchEvent' && node.outgoing.length === 0) {
    context.issues.warn(node.id, 'Expected the intermediate catch event to have an outgoing sequence flow, but it has none: the path ends there', OUTGOING_REQUIRED);
  }
  if (node.kind === 'intermediateThrowEvent' && !link && node.outgoing.length === 0) {
    context.issues.warn(node.id, 'Expected the intermediate throw event to have an outgoing sequence flow, but it has none: the path ends there', OUTGOING_REQUIRED);
  }
}

function scopeKinds(graph: ProcessGraph, scopeId: string): { hasStart: boolean; hasEnd: boolean } {
  const children = scopeId === graph.id ? graph.scope.children : (graph.nodes.get(scopeId)?.scope?.children ?? []);
  const kinds = new Set(children.map((id) => graph.nodes.get(id)?.kind));
  return { hasStart: kinds.has('startEvent'), hasEnd: kinds.has('endEvent') };
}

/** a condition chooses among an activity's outgoing flows: on its only one it would strand the token when false */
export function checkConditionalFlows(context: RuleContext): void {
  for (const { graph } of context.processes) {
    for (const node of graph.nodes.values()) {
      if (!isActivity(node) || node.outgoing.length !== 1) continue;
      const [flowId] = node.outgoing;
      if (!graph.flows.get(flowId!)?.condition) continue;
      context.issues.add(flowId!, `Expected the only outgoing sequence flow of the ${describeNode(node)} to be unconditional, but ${quote([flowId!])} has a condition`, SINGLE_CONDITIONAL_FLOW);
    }
  }
}
