import { extensionValues, is, parentOf, type LintNode, type Reporter } from './moddle';

/** a start or end event directly inside an ad-hoc sub-process (BPMN allows none there) */
function isEventInAdHoc(node: LintNode): boolean {
  if (!is(node, 'bpmn:StartEvent') && !is(node, 'bpmn:EndEvent')) return false;
  const parent = parentOf(node);
  return !!parent && is(parent, 'bpmn:AdHocSubProcess');
}

/** Reports what the engine refuses at deploy (see the README's element table), before Deploy is pressed. */
export default function supportedElements() {
  function check(node: LintNode, reporter: Reporter) {
    if (isEventInAdHoc(node)) reporter.report(node.id, 'The engine refuses start and end events inside an ad-hoc sub-process: its activities are started by hand');
    if (is(node, 'bpmn:FlowElement') && (node.get('camunda:class') || node.get('camunda:delegateExpression'))) {
      reporter.report(node.id, 'Java delegates are not supported: use an external topic (a CRM template) or an expression');
    }
    for (const extension of is(node, 'bpmn:BaseElement') ? extensionValues(node) : []) {
      if (is(extension, 'camunda:Connector')) reporter.report(node.id, 'Connectors are not supported: use an external topic');
    }
    if (is(node, 'bpmn:ScriptTask')) {
      const format = String(node.get('scriptFormat') ?? '').toLowerCase();
      if (format && format !== 'juel' && format !== 'feel') reporter.report(node.id, `Script format '${format}' is refused: use juel or feel`);
    }
  }
  return { check };
}
