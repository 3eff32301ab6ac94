import { is, type LintNode, type Reporter } from './moddle';

/** A parallel gateway never evaluates the conditions of its outgoing flows (the engine warns at deploy). */
export default function parallelGatewayConditions() {
  function check(node: LintNode, reporter: Reporter) {
    if (!is(node, 'bpmn:SequenceFlow') || !node.get('conditionExpression')) return;
    const source = node.get('sourceRef') as LintNode | undefined;
    if (source && is(source, 'bpmn:ParallelGateway')) {
      reporter.report(node.id, 'A parallel gateway takes every outgoing flow: this condition is never evaluated');
    }
  }
  return { check };
}
