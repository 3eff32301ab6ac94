import { is, type LintNode, type Reporter } from './moddle';

/** A user task nobody is offered only shows up for heads: ask for an assignee or candidates. */
export default function userTaskAssignment() {
  function check(node: LintNode, reporter: Reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    if (node.get('camunda:assignee') || node.get('camunda:candidateUsers') || node.get('camunda:candidateGroups')) return;
    reporter.report(node.id, 'Nobody is offered this task: set a candidate group (or use the Manager approval template) or an assignee');
  }
  return { check };
}
