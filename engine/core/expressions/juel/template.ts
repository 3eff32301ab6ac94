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

/** Top-level identifiers in order of first appearance (function names are not identifiers). */
export function collectIdentifiers(segments: readonly TemplateSegment[]): string[] {
  const names = new Set<string>();
  const visit = (node: JuelNode): void => {
    switch (node.kind) {
      case 'literal':
        return;
      case 'identifier':
        names.add(node.name);
        return;
      case 'member':
        return visit(node.object);
      case 'index':
        visit(node.object);
        return visit(node.index);
      case 'methodCall':
        visit(node.object);
        if (typeof node.method !== 'string') visit(node.method);
        return node.args.forEach(visit);
      case 'functionCall':
        return node.args.forEach(visit);
      case 'unary':
        return visit(node.operand);
      case 'binary':
      case 'logical':
        visit(node.left);
        return visit(node.right);
      case 'conditional':
        visit(node.test);
        visit(node.consequent);
        return visit(node.alternate);
    }
  };
  for (const segment of segments) if (segment.kind === 'expression') visit(segment.node);
  return [...names];
}
