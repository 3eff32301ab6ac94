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

export const is = (node: LintNode, type: string): boolean => typeof node.$instanceOf === 'function' && node.$instanceOf(type);

export function extensionValues(node: LintNode): LintNode[] {
  const extensions = node.get('extensionElements') as LintNode | undefined;
  return extensions ? ((extensions.get('values') as LintNode[] | undefined) ?? []) : [];
}
