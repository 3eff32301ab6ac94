import { ExpressionSyntaxError } from './errors.js';
import type { CompiledExpression } from './expression-context.js';
import { compileFeel, FEEL_PREFIX } from './feel/feel-expression.js';
import { compileJuel } from './juel/juel-expression.js';
import { EXPRESSION_LIMITS } from './limits.js';

/**
 * Compiles a BPMN attribute value once (at deployment): text starting with `=` is FEEL,
 * anything else is JUEL (`${...}` / `#{...}`) or plain literal text.
 * Throws ExpressionSyntaxError for invalid expressions.
 */
export function compileExpression(text: string): CompiledExpression {
  if (text.length > EXPRESSION_LIMITS.maxSourceLength) {
    const excerpt = `${text.slice(0, 60)}...`;
    throw new ExpressionSyntaxError(`an expression of at most ${EXPRESSION_LIMITS.maxSourceLength} characters`, `${text.length}`, EXPRESSION_LIMITS.maxSourceLength, excerpt);
  }
  return text.startsWith(FEEL_PREFIX) ? compileFeel(text) : compileJuel(text);
}
