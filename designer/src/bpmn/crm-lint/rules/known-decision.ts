import { knownDecisions } from '../known-decisions';
import { is, type LintNode, type Reporter } from './moddle';

/** A business rule task's decision (camunda:decisionRef, a literal key) must be open beside the diagram or already deployed. */
export default function knownDecision() {
  function check(node: LintNode, reporter: Reporter) {
    if (!is(node, 'bpmn:BusinessRuleTask')) return;
    const ref = node.get('camunda:decisionRef') as string | undefined;
    if (!ref || ref.includes('${')) return;
    const { openIds, deployedIds } = knownDecisions();
    if (openIds.has(ref) || deployedIds?.has(ref)) return;
    reporter.report(node.id, `Decision '${ref}' is in no DMN diagram open here${deployedIds ? ' and not deployed' : ''}: open or create it (tab "+ New DMN" or "Import .dmn")`);
  }
  return { check };
}
