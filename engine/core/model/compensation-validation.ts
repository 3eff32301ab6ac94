import { boundaryCompensationHandlerOf, isCompensationEventSubProcess } from './compensation.js';
import type { FlowNode, ProcessGraph } from './graph.js';
import { isActivity } from './graph.js';
import type { ParseIssues } from './parse-issues.js';

/**
 * The rules Camunda 7 puts on compensation and cancel events, checked at deployment: where each
 * may appear and what it must be connected to.
 */
export function validateCompensationAndCancel(graph: ProcessGraph, node: FlowNode, issues: ParseIssues): void {
  const kind = node.eventDefinition?.kind;
  if (kind === 'compensate') {
    if (node.kind === 'boundaryEvent') validateCompensationBoundary(graph, node, issues);
    if (node.kind === 'startEvent') validateCompensationStart(graph, node, issues);
    if (node.kind === 'intermediateThrowEvent' || node.kind === 'endEvent') validateActivityRef(graph, node, issues);
  }
  if (kind === 'cancel' && node.kind === 'boundaryEvent') validateCancelBoundary(graph, node, issues);
  if (kind === 'cancel' && node.kind === 'endEvent') validateCancelEnd(graph, node, issues);
}

function validateCompensationBoundary(graph: ProcessGraph, node: FlowNode, issues: ParseIssues): void {
  if (node.outgoing.length > 0) {
    issues.add(node.id, 'Expected a compensation boundary event to have no outgoing sequence flow (its handler is associated), but it has one');
  }
  if (siblingBoundaries(graph, node, 'compensate').length > 1) {
    issues.add(node.id, `Expected at most one compensation boundary event on '${node.attachedTo}', but it has several`);
  }
}

function validateCancelBoundary(graph: ProcessGraph, node: FlowNode, issues: ParseIssues): void {
  if (siblingBoundaries(graph, node, 'cancel').length > 1) {
    issues.add(node.id, `Expected at most one cancel boundary event on transaction '${node.attachedTo}', but it has several`);
  }
}

function validateCompensationStart(graph: ProcessGraph, node: FlowNode, issues: ParseIssues): void {
  const eventSubProcess = graph.nodes.get(node.scopeId);
  if (eventSubProcess?.kind !== 'eventSubProcess') {
    issues.add(node.id, 'Expected a compensation start event only in an event sub-process, but it starts a process or sub-process');
    return;
  }
  const subProcess = graph.nodes.get(eventSubProcess.scopeId);
  if (!subProcess) {
    issues.add(node.id, 'Expected a compensation event sub-process inside an embedded sub-process, but it is on the process level (compensation does not reach called or calling processes)');
    return;
  }
  const compensationEventSubProcesses = (subProcess.scope?.eventSubProcesses ?? []).filter((id) => isCompensationEventSubProcess(graph, graph.nodes.get(id)!));
  if (compensationEventSubProcesses.length > 1) {
    issues.add(node.id, `Expected at most one compensation event sub-process in '${subProcess.id}', but it has ${compensationEventSubProcesses.length}`);
  }
  if (boundaryCompensationHandlerOf(graph, subProcess)) {
    issues.add(node.id, `Expected either a compensation boundary event or a compensation event sub-process on '${subProcess.id}', but it has both`);
  }
}

/** activityRef names an activity of the throw event's scope (of the enclosing scope when thrown in an event sub-process) */
function validateActivityRef(graph: ProcessGraph, node: FlowNode, issues: ParseIssues): void {
  if (node.eventDefinition?.kind !== 'compensate' || !node.eventDefinition.activityRef) return;
  const ref = node.eventDefinition.activityRef;
  const activity = graph.nodes.get(ref);
  const scope = graph.nodes.get(node.scopeId);
  const scopes = scope?.kind === 'eventSubProcess' ? [node.scopeId, scope.scopeId] : [node.scopeId];
  if (!activity || !isActivity(activity) || !scopes.includes(activity.scopeId)) {
    issues.add(node.id, `Expected activityRef '${ref}' to name an activity in the scope '${node.scopeId}' of the compensation event, but it does not`);
  }
}

function validateCancelEnd(graph: ProcessGraph, node: FlowNode, issues: ParseIssues): void {
  const transaction = graph.nodes.get(node.scopeId);
  if (transaction?.kind !== 'transaction') return;
  const cancelBoundaries = transaction.boundaryEvents.filter((id) => graph.nodes.get(id)?.eventDefinition?.kind === 'cancel');
  if (cancelBoundaries.length === 0) {
    issues.add(node.id, `Expected transaction '${transaction.id}' to have a cancel boundary event for the cancel end event to leave through, but it has none`);
  }
}

function siblingBoundaries(graph: ProcessGraph, node: FlowNode, kind: 'compensate' | 'cancel'): string[] {
  const host = node.attachedTo ? graph.nodes.get(node.attachedTo) : undefined;
  return (host?.boundaryEvents ?? []).filter((id) => graph.nodes.get(id)?.eventDefinition?.kind === kind);
}
