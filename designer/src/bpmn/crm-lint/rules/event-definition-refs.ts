import { foreignDefinitionRefs, type LintNode, type Reporter } from './moddle';

/** An `eventDefinitionRef` must name an event definition declared at the root, as the engine requires at deploy. */
export default function eventDefinitionRefs() {
  function check(node: LintNode, reporter: Reporter) {
    for (const referenced of foreignDefinitionRefs(node)) {
      reporter.report(node.id, `eventDefinitionRef must name an event definition declared at the root, but '${referenced.id ?? ''}' is a ${referenced.$type.replace('bpmn:', '')}`);
    }
  }
  return { check };
}
