import type { EventDefinitionKind, FlowNode, ProcessGraph } from './graph.js';
import { definitionsOf, isActivity } from './graph.js';
import { validateMultipleEvent } from './multiple-event-validation.js';
import { validateCompensationAndCancel } from './compensation-validation.js';
import { validateAdHocSubProcess } from './ad-hoc-validation.js';
import type { ParseIssues } from './parse-issues.js';
import { ownEntry } from '../shared/own-entry.js';
import { LINK_THROW_HAS_CATCH } from './rules/catalogue.js';

/** The event definitions each event kind may carry (null = none event). */
const ALLOWED_EVENTS: Readonly<Record<string, readonly (EventDefinitionKind | null)[]>> = {
  startEvent: [null, 'message', 'timer', 'signal', 'conditional', 'error', 'escalation', 'compensate', 'multiple'],
  endEvent: [null, 'terminate', 'error', 'escalation', 'message', 'signal', 'compensate', 'cancel', 'multiple'],
  intermediateCatchEvent: ['message', 'timer', 'signal', 'conditional', 'link', 'multiple'],
  intermediateThrowEvent: [null, 'message', 'signal', 'escalation', 'compensate', 'link', 'multiple'],
  boundaryEvent: ['message', 'timer', 'signal', 'conditional', 'error', 'escalation', 'compensate', 'cancel', 'multiple'],
};

/** Structural rules a model must satisfy before it can be executed. */
export function validateGraph(graph: ProcessGraph, issues: ParseIssues, isSupported: (node: FlowNode) => string | null): void {
  if (graph.scope.startEvents.length === 0 && graph.instantiating.length === 0) {
    issues.add(graph.id, 'Expected the process to have a start event or an instantiating receive task or event-based gateway, but it has none');
  }
  for (const id of [graph.id, ...graph.nodes.keys(), ...graph.flows.keys()]) {
    // ids become keys of the instance state (join arrivals, compensation handlers): no object internals
    if (id === '__proto__') issues.add(null, "Expected element ids other than '__proto__', but the process uses it");
  }
  for (const node of graph.nodes.values()) {
    validateEventKind(node, issues);
    if (node.eventDefinition?.kind === 'multiple') validateMultipleEvent(graph, node, node.eventDefinition, issues);
    validateNode(graph, node, issues);
    validateCompensationAndCancel(graph, node, issues);
    const unsupported = isSupported(node);
    if (unsupported) issues.add(node.id, unsupported);
  }
}

function validateEventKind(node: FlowNode, issues: ParseIssues): void {
  const allowed = ownEntry(ALLOWED_EVENTS, node.kind);
  if (!allowed) return;
  const kind = node.eventDefinition?.kind ?? null;
  if (!allowed.includes(kind)) {
    issues.add(node.id, `Expected a ${node.kind} to be one of ${allowed.map((k) => k ?? 'none').join(', ')}, but it is a ${kind ?? 'none'} event`);
  }
  for (const definition of definitionsOf(node)) {
    if (definition.kind === 'message' && node.kind !== 'endEvent' && node.kind !== 'intermediateThrowEvent' && definition.messageName.source === '') {
      issues.add(node.id, 'Expected the message event to reference a message with a name, but it does not');
    }
  }
}

function validateNode(graph: ProcessGraph, node: FlowNode, issues: ParseIssues): void {
  const gateway = node.kind.endsWith('Gateway');
  if (gateway && node.outgoing.length === 0) {
    issues.add(node.id, 'Expected the gateway to have at least one outgoing sequence flow, but it has none');
  }
  if (node.defaultFlow && !node.outgoing.includes(node.defaultFlow)) {
    issues.add(node.id, `Expected the default flow '${node.defaultFlow}' to be an outgoing sequence flow of the element, but it is not`);
  }
  if (node.defaultFlow && graph.flows.get(node.defaultFlow)?.condition) {
    issues.add(node.defaultFlow, 'Expected the default flow to have no condition, but it has one');
  }
  if (node.kind === 'eventBasedGateway') validateEventBasedGateway(graph, node, issues);
  if (node.activationCondition && node.incoming.length < 2) {
    issues.add(node.id, `Expected an activationCondition only on a joining complex gateway (two or more incoming flows), but the gateway has ${node.incoming.length}`);
  }
  if (node.kind === 'boundaryEvent') validateBoundary(graph, node, issues);
  if (node.kind === 'startEvent' && node.incoming.length > 0) {
    issues.add(node.id, 'Expected a start event to have no incoming sequence flow, but it has one');
  }
  if (node.kind === 'endEvent' && node.outgoing.length > 0) {
    issues.add(node.id, 'Expected an end event to have no outgoing sequence flow, but it has one');
  }
  if (node.kind === 'subProcess' || node.kind === 'transaction') validateEmbeddedScope(node, graph, issues);
  if (node.kind === 'eventSubProcess') validateEventSubProcess(node, graph, issues);
  if (node.kind === 'adHocSubProcess') validateAdHocSubProcess(node, graph, issues);
  if (node.eventDefinition?.kind === 'link' && node.kind === 'intermediateThrowEvent') {
    if (!graph.linkTargets.has(`${node.scopeId}/${node.eventDefinition.linkName}`)) {
      issues.add(node.id, `Expected a link catch event named '${node.eventDefinition.linkName}' in the same scope, but there is none`, LINK_THROW_HAS_CATCH);
    }
  }
  if (node.eventDefinition?.kind === 'cancel' && !insideTransaction(graph, node)) {
    issues.add(node.id, 'Expected a cancel end event directly inside a transaction sub-process, or a cancel boundary event on one, but it is not');
  }
  if (node.kind === 'receiveTask' && !node.messageName) {
    issues.add(node.id, 'Expected the receive task to reference a message with a name, but it does not');
  }
  if (node.isForCompensation && (node.incoming.length > 0 || node.outgoing.length > 0)) {
    issues.add(node.id, 'Expected a compensation handler to have no sequence flows, but it has some');
  }
}

function validateEventBasedGateway(graph: ProcessGraph, node: FlowNode, issues: ParseIssues): void {
  if (node.outgoing.length < 2) issues.add(node.id, 'Expected an event-based gateway to have at least two outgoing flows, but it has fewer');
  for (const flowId of node.outgoing) {
    const target = graph.nodes.get(graph.flows.get(flowId)?.targetId ?? '');
    if (!target) continue;
    const catches = target.kind === 'receiveTask' || (target.kind === 'intermediateCatchEvent' && target.eventDefinition?.kind !== 'link');
    if (!catches) issues.add(node.id, `Expected the event-based gateway to lead only to catch events or receive tasks, but '${target.id}' is a ${target.kind}`);
    if (graph.flows.get(flowId)?.condition) issues.add(flowId, 'Expected no condition on a flow leaving an event-based gateway, but it has one');
  }
}

function validateBoundary(graph: ProcessGraph, node: FlowNode, issues: ParseIssues): void {
  const host = node.attachedTo ? graph.nodes.get(node.attachedTo) : undefined;
  if (!host || !isActivity(host)) {
    issues.add(node.id, `Expected the boundary event to be attached to an activity, but '${node.attachedTo ?? '(none)'}' is not one`);
  }
  if (node.incoming.length > 0) issues.add(node.id, 'Expected a boundary event to have no incoming sequence flow, but it has one');
  const compensation = node.eventDefinition?.kind === 'compensate';
  if (!compensation && node.outgoing.length === 0) {
    issues.add(node.id, 'Expected the boundary event to have an outgoing sequence flow, but it has none');
  }
  const kind = node.eventDefinition?.kind;
  if ((kind === 'error' || kind === 'cancel' || kind === 'compensate') && !node.interrupting) {
    issues.add(node.id, `Expected a ${kind} boundary event to be interrupting, but cancelActivity is false`);
  }
}

function validateEmbeddedScope(node: FlowNode, graph: ProcessGraph, issues: ParseIssues): void {
  const scope = node.scope!;
  if (scope.children.length === 0) return;
  const starts = scope.startEvents.map((id) => graph.nodes.get(id)!);
  if (starts.length !== 1 || starts[0]!.eventDefinition !== null) {
    issues.add(node.id, `Expected an embedded sub-process to have exactly one none start event, but it has ${starts.length} start events`);
  }
}

function validateEventSubProcess(node: FlowNode, graph: ProcessGraph, issues: ParseIssues): void {
  const starts = node.scope!.startEvents.map((id) => graph.nodes.get(id)!);
  if (starts.length !== 1 || starts[0]!.eventDefinition === null) {
    issues.add(node.id, 'Expected an event sub-process to have exactly one start event with a trigger, but it does not');
  }
  if (node.incoming.length > 0 || node.outgoing.length > 0) {
    issues.add(node.id, 'Expected an event sub-process to have no sequence flows, but it has some');
  }
}

function insideTransaction(graph: ProcessGraph, node: FlowNode): boolean {
  if (node.kind === 'boundaryEvent') return graph.nodes.get(node.attachedTo ?? '')?.kind === 'transaction';
  // a cancel end event cancels the transaction it is directly in, as in Camunda 7
  return graph.nodes.get(node.scopeId)?.kind === 'transaction';
}
