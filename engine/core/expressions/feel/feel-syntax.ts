import { ExpressionSyntaxError } from '../errors.js';
import { EXPRESSION_LIMITS } from '../limits.js';
import { METER_PREFIX, parseFeel, type FeelTop } from './feel-instrument.js';

export interface FeelSyntax {
  /** variable names the expression reads (best effort: may include loop-local names) */
  readonly identifiers: readonly string[];
  /** names invoked as functions, e.g. `now` in `now()` */
  readonly functionNames: readonly string[];
}

/**
 * Parses a FEEL expression to validate it and to find the names it references.
 * `offset` is where `body` starts inside `source`, so positions point into the full text.
 */
export function analyzeFeel(source: string, body: string, offset: number, top: FeelTop = 'expression'): FeelSyntax {
  const identifiers = new Set<string>();
  const functionNames = new Set<string>();
  let errorPosition: number | undefined;
  let depth = 0;
  const reserved = body.indexOf(METER_PREFIX);
  if (reserved >= 0) {
    throw new ExpressionSyntaxError(`no name starting with '${METER_PREFIX}' (reserved by the engine)`, `'${METER_PREFIX}'`, offset + reserved, source);
  }

  parseFeel(body, top).iterate({
    enter(node) {
      if (node.type.isError) {
        errorPosition ??= node.from;
        return false;
      }
      if (++depth > EXPRESSION_LIMITS.maxSyntaxDepth) {
        throw new ExpressionSyntaxError(`at most ${EXPRESSION_LIMITS.maxSyntaxDepth} levels of nesting`, 'deeper nesting', offset + node.from, source);
      }
      if (node.name !== 'VariableName') return undefined;
      // Names may contain spaces in FEEL; the interpreter compacts runs of whitespace.
      const name = body.slice(node.from, node.to).replace(/\s+/g, ' ');
      const syntaxNode = node.node;
      const isCallee = syntaxNode.parent?.name === 'FunctionInvocation' && syntaxNode.prevSibling === null;
      (isCallee ? functionNames : identifiers).add(name);
      depth--;
      return false;
    },
    leave() {
      depth--;
    },
  });

  if (body.trim() === '') errorPosition = body.length;
  if (errorPosition !== undefined) {
    const found = errorPosition < body.length ? `'${body[errorPosition]}'` : 'end of input';
    throw new ExpressionSyntaxError('a valid FEEL expression', found, offset + errorPosition, source);
  }
  return { identifiers: [...identifiers], functionNames: [...functionNames] };
}
