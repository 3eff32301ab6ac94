import type { CompiledExpression } from './expression-context.js';
import { compileFeel, FEEL_PREFIX } from './feel/feel-expression.js';
import { compileJuel } from './juel/juel-expression.js';

/**
 * Compiles a BPMN attribute value once (at deployment): text starting with `=` is FEEL,
 * anything else is JUEL (`${...}` / `#{...}`) or plain literal text.
 * Throws ExpressionSyntaxError for invalid expressions.
 */
export function compileExpression(text: string): CompiledExpression {
  return text.startsWith(FEEL_PREFIX) ? compileFeel(text) : compileJuel(text);
}
