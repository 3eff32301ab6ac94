import type { AdHocSpec, FlowNode } from '../graph.js';
import { isActivity } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';
import { bodyOf } from './extensions.js';

/** `ordering`, `completionCondition` and `cancelRemainingInstances` of a bpmn:AdHocSubProcess; enabled activities come after connecting flows */
export function readAdHoc(element: ModdleElement, issues: ParseIssues): AdHocSpec {
  const id = element.id ?? '';
  const ordering = element['ordering'] ?? 'Parallel';
  if (ordering !== 'Parallel' && ordering !== 'Sequential') {
    issues.add(id, `Expected the ad-hoc sub-process's ordering to be Parallel or Sequential, but got '${String(ordering)}'`);
  }
  return {
    ordering: ordering === 'Sequential' ? 'sequential' : 'parallel',
    completionCondition: issues.optionalExpression(id, 'completionCondition', bodyOf(element, 'completionCondition')),
    cancelRemainingInstances: element['cancelRemainingInstances'] !== false,
    enabledActivities: [],
  };
}

/**
 * What someone may start in an ad-hoc sub-process: the inner activities and intermediate events
 * that no sequence flow leads into (link catch events are reached by their throw, compensation
 * handlers by compensation).
 */
export function enabledActivitiesOf(children: readonly string[], nodes: ReadonlyMap<string, FlowNode>): string[] {
  return children.filter((id) => {
    const node = nodes.get(id);
    if (!node || node.incoming.length > 0 || node.isForCompensation) return false;
    if (node.kind === 'intermediateCatchEvent') return node.eventDefinition?.kind !== 'link';
    return isActivity(node) || node.kind === 'intermediateThrowEvent';
  });
}
