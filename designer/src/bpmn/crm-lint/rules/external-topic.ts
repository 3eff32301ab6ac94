import { is, type LintNode, type Reporter } from './moddle';

const IMPLEMENTABLE = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'];

/** Service tasks need an implementation: a topic, an expression. */
export default function externalTopic() {
  function check(node: LintNode, reporter: Reporter) {
    if (!IMPLEMENTABLE.some((type) => is(node, type))) return;
    const type = node.get('camunda:type');
    const topic = node.get('camunda:topic');
    if (type === 'external') {
      if (!topic) reporter.report(node.id, 'External task without a topic: pick a CRM template or set the topic');
      return;
    }
    const implemented = type || node.get('camunda:expression') || node.get('camunda:class') || node.get('camunda:delegateExpression') || node.get('camunda:decisionRef');
    if (!implemented && is(node, 'bpmn:ServiceTask')) reporter.report(node.id, 'Service task without an implementation: pick a CRM template');
  }
  return { check };
}
