import type { FlowNode, ProcessGraph } from './graph.js';
import { nodeOf, scopeOf } from './graph.js';
import { ownEntry } from '../shared/own-entry.js';

/** the handler associated with the activity's compensation boundary event, if it has one */
export function boundaryCompensationHandlerOf(graph: ProcessGraph, activity: FlowNode): FlowNode | null {
  if (activity.kind === 'process') return null;
  const handlerId = ownEntry(scopeOf(graph, activity.scopeId).compensationHandlers, activity.id);
  return handlerId ? nodeOf(graph, handlerId) : null;
}

/** the event sub-process started by a compensation start event directly inside a sub-process, if any */
export function compensationEventSubProcessOf(graph: ProcessGraph, subProcess: FlowNode): FlowNode | null {
  for (const id of subProcess.scope?.eventSubProcesses ?? []) {
    const eventSubProcess = nodeOf(graph, id);
    if (isCompensationEventSubProcess(graph, eventSubProcess)) return eventSubProcess;
  }
  return null;
}

export function isCompensationEventSubProcess(graph: ProcessGraph, node: FlowNode): boolean {
  if (node.kind !== 'eventSubProcess') return false;
  return (node.scope?.startEvents ?? []).some((id) => nodeOf(graph, id).eventDefinition?.kind === 'compensate');
}

/**
 * The element a compensation subscription names when it undoes `activityRef`, as in Camunda 7:
 * the activity's boundary handler, else its compensation event sub-process, else the activity
 * itself (a sub-process whose inner activities are compensated).
 */
export function compensationSubscriptionActivityOf(graph: ProcessGraph, activityRef: string): string {
  const activity = nodeOf(graph, activityRef);
  return boundaryCompensationHandlerOf(graph, activity)?.id ?? compensationEventSubProcessOf(graph, activity)?.id ?? activityRef;
}
