/** The few moddle accessors the lint rules need. */
export interface LintNode {
  $type: string;
  id?: string;
  $instanceOf(type: string): boolean;
  get(name: string): any;
}

export interface Reporter {
  report(id: string | undefined, message: string): void;
}

/** what a rule factory returns; bpmnlint's own rules carry `meta` besides */
export interface LintRule {
  check(node: LintNode, reporter: Reporter): void;
}

export const is = (node: LintNode, type: string): boolean => typeof node.$instanceOf === 'function' && node.$instanceOf(type);

export function extensionValues(node: LintNode): LintNode[] {
  const extensions = node.get('extensionElements') as LintNode | undefined;
  return extensions ? ((extensions.get('values') as LintNode[] | undefined) ?? []) : [];
}

/** the element that holds this one (moddle's `$parent`) */
export function parentOf(node: LintNode): LintNode | undefined {
  return (node as unknown as { $parent?: LintNode }).$parent;
}

const isEventDefinition = (element: LintNode): boolean => is(element, 'bpmn:EventDefinition');

function referencedDefinitions(event: LintNode): LintNode[] {
  return ((event.get('eventDefinitionRef') as (LintNode | undefined)[] | undefined) ?? []).filter((d): d is LintNode => d !== undefined);
}

/**
 * An event's definitions as the engine reads them: those written inside it, then those declared at
 * the root and referenced with `eventDefinitionRef` (BPMN 2.0 section 10.4.5).
 */
export function eventDefinitionsOf(event: LintNode): LintNode[] {
  if (!is(event, 'bpmn:Event')) return [];
  return [...((event.get('eventDefinitions') as LintNode[] | undefined) ?? []), ...referencedDefinitions(event).filter(isEventDefinition)];
}

/** what an `eventDefinitionRef` names that is not an event definition (the engine refuses it) */
export function foreignDefinitionRefs(event: LintNode): LintNode[] {
  return is(event, 'bpmn:Event') ? referencedDefinitions(event).filter((d) => !isEventDefinition(d)) : [];
}
