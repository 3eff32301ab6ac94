import { eventDefinitionsOf, is, type LintNode, type LintRule, type Reporter } from './moddle';

/**
 * The node as a bpmnlint rule should see it: an event's `eventDefinitions` holding also those it
 * references with `eventDefinitionRef` (bpmnlint reads only the inline ones), and a container's flow
 * elements seen the same way. Nothing is written to the model.
 */
function withReferencedDefinitions(node: LintNode): LintNode {
  const read = (name: string | symbol): unknown => {
    if (name === 'eventDefinitions' && is(node, 'bpmn:Event')) return eventDefinitionsOf(node);
    if (name === 'flowElements' && is(node, 'bpmn:FlowElementsContainer')) return ((node.get('flowElements') as LintNode[] | undefined) ?? []).map(withReferencedDefinitions);
    return undefined;
  };
  return new Proxy(node, {
    get(target, name) {
      if (name === 'get') return (property: string) => read(property) ?? target.get(property);
      return read(name) ?? Reflect.get(target, name, target);
    },
  });
}

/** A bpmnlint rule that reads event definitions, made to read the referenced ones too. */
export function readingReferencedDefinitions(bpmnlintRule: () => { check: unknown }): () => LintRule {
  return () => {
    const rule = bpmnlintRule() as LintRule;
    return { ...rule, check: (node: LintNode, reporter: Reporter) => rule.check(withReferencedDefinitions(node), reporter) };
  };
}
