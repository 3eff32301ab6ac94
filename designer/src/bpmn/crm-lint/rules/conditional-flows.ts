import bpmnlintConditionalFlows from 'bpmnlint/rules/conditional-flows';
import { is, type LintNode, type LintRule, type Reporter } from './moddle';

/**
 * bpmnlint's conditional-flows (a split with a condition needs one on every flow but the default),
 * except on parallel gateways: they take every flow, and parallel-gateway-conditions warns instead.
 */
export default function conditionalFlows() {
  const rule = bpmnlintConditionalFlows() as LintRule;
  return { ...rule, check: (node: LintNode, reporter: Reporter) => (is(node, 'bpmn:ParallelGateway') ? undefined : rule.check(node, reporter)) };
}
