import { CRM_TOPICS } from '../../crm-templates/templates';
import { is, type LintNode, type Reporter } from './moddle';

/** An external topic the CRM has no handler for needs a worker of its own: worth a warning. */
export default function knownTopic() {
  function check(node: LintNode, reporter: Reporter) {
    if (!is(node, 'bpmn:FlowElement') || node.get('camunda:type') !== 'external') return;
    const topic = node.get('camunda:topic');
    if (!topic || String(topic).startsWith('${') || (CRM_TOPICS as readonly string[]).includes(topic)) return;
    reporter.report(node.id, `Topic '${topic}' has no CRM handler: an external worker must fetch it`);
  }
  return { check };
}
