import type { FlowNode, ProcessGraph } from './graph.js';
import type { ParseIssues } from './parse-issues.js';

/**
 * An ad-hoc sub-process holds no start or end events (BPMN 2.0, 10.3.6) and at least one activity
 * someone can start. Event sub-processes inside one are not supported.
 */
export function validateAdHocSubProcess(node: FlowNode, graph: ProcessGraph, issues: ParseIssues): void {
  for (const childId of node.scope?.children ?? []) {
    const child = graph.nodes.get(childId);
    if (!child) continue;
    if (child.kind === 'startEvent' || child.kind === 'endEvent') {
      issues.add(child.id, `Expected no ${child.kind === 'startEvent' ? 'start' : 'end'} event directly inside ad-hoc sub-process '${node.id}' (BPMN 2.0 allows none), but this is one`);
    }
    if (child.kind === 'eventSubProcess') {
      issues.add(child.id, `Expected no event sub-process inside ad-hoc sub-process '${node.id}', but this is one: event sub-processes in ad-hoc sub-processes are not supported`);
    }
  }
  if ((node.adHoc?.enabledActivities.length ?? 0) === 0) {
    issues.add(node.id, 'Expected the ad-hoc sub-process to hold at least one activity without incoming sequence flows (one someone can start), but it holds none');
  }
}
