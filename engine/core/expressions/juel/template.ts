import type { VariablesRead } from '../expression-context.js';
import type { JuelNode, TemplateSegment } from './ast.js';
import { parseExpressionBody } from './parser.js';

/**
 * Splits an attribute value into literal text and `${...}` / `#{...}` expressions.
 * `\${` and `\#{` stand for the literal text `${` and `#{`.
 */
export function parseTemplate(source: string): TemplateSegment[] {
  const segments: TemplateSegment[] = [];
  let text = '';
  let index = 0;
  while (index < source.length) {
    if (source[index] === '\\' && isExpressionStart(source, index + 1)) {
      text += source.slice(index + 1, index + 3);
      index += 3;
    } else if (isExpressionStart(source, index)) {
      if (text !== '') segments.push({ kind: 'text', text });
      text = '';
      const { node, end } = parseExpressionBody(source, index + 2);
      segments.push({ kind: 'expression', node });
      index = end;
    } else {
      text += source[index];
      index++;
    }
  }
  if (text !== '') segments.push({ kind: 'text', text });
  return segments;
}

function isExpressionStart(source: string, index: number): boolean {
  return (source[index] === '$' || source[index] === '#') && source[index + 1] === '{';
}

/** the direct sub-expressions of a node, in source order */
function childrenOf(node: JuelNode): JuelNode[] {
  switch (node.kind) {
    case 'literal':
    case 'identifier':
      return [];
    case 'member':
      return [node.object];
    case 'index':
      return [node.object, node.index];
    case 'methodCall':
      return [node.object, ...(typeof node.method === 'string' ? [] : [node.method]), ...node.args];
    case 'functionCall':
      return [...node.args];
    case 'unary':
      return [node.operand];
    case 'binary':
    case 'logical':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
  }
}

/** every node of the template's expressions, depth first in source order */
function* nodesOf(segments: readonly TemplateSegment[]): Generator<JuelNode> {
  const stack = segments.flatMap((segment) => (segment.kind === 'expression' ? [segment.node] : [])).reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    yield node;
    stack.push(...childrenOf(node).reverse());
  }
}

/** Top-level identifiers in order of first appearance (function names are not identifiers). */
export function collectIdentifiers(segments: readonly TemplateSegment[]): string[] {
  const names = new Set<string>();
  for (const node of nodesOf(segments)) if (node.kind === 'identifier') names.add(node.name);
  return [...names];
}

/** methods of `execution` that read a variable named by their first argument */
const VARIABLE_GETTERS: ReadonlySet<string> = new Set(['getVariable', 'getVariableLocal', 'hasVariable']);

/**
 * The variables the expression reads: its identifiers, plus the literal first argument of
 * `getVariable`, `getVariableLocal` and `hasVariable` calls; a non-literal name makes it dynamic.
 */
export function collectVariablesRead(segments: readonly TemplateSegment[]): VariablesRead {
  const names = new Set(collectIdentifiers(segments));
  let dynamic = false;
  for (const node of nodesOf(segments)) {
    if (node.kind !== 'methodCall') continue;
    if (typeof node.method !== 'string') dynamic = true;
    else if (VARIABLE_GETTERS.has(node.method)) {
      const [first] = node.args;
      if (first?.kind === 'literal' && typeof first.value === 'string') names.add(first.value);
      else dynamic = true;
    }
  }
  return { names: [...names], dynamic };
}
