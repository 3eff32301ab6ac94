import type { FlowNode, ProcessGraph } from '../graph.js';
import type { ModdleDefinitions, ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';

/** one executable process: as read from the XML, and as the engine's graph */
export interface CheckedProcess {
  readonly process: ModdleElement;
  readonly graph: ProcessGraph;
}

export interface RuleContext {
  readonly definitions: ModdleDefinitions;
  /** the resource's text, for what the moddle tree no longer shows (a second loop marker) */
  readonly xml: string;
  readonly processes: readonly CheckedProcess[];
  readonly issues: ParseIssues;
}

/** the XML element of each flow element of a process, nested ones included, by id */
export function moddleElementsOf(container: ModdleElement, into = new Map<string, ModdleElement>()): Map<string, ModdleElement> {
  for (const element of (container['flowElements'] as ModdleElement[] | undefined) ?? []) {
    if (element.id) into.set(element.id, element);
    moddleElementsOf(element, into);
  }
  return into;
}

export function quote(ids: readonly string[]): string {
  return ids.map((id) => `'${id}'`).join(', ');
}

export function describeNode(node: FlowNode): string {
  return `${node.kind} '${node.id}'`;
}
