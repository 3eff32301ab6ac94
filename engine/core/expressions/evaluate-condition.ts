import { ExpressionEvaluationError } from './errors.js';
import type { CompiledExpression, ExpressionContext } from './expression-context.js';
import { describeValue } from './value-format.js';

/** Evaluates a condition (e.g. on a sequence flow); anything but a boolean result is an error. */
export function evaluateCondition(expr: CompiledExpression, ctx: ExpressionContext): boolean {
  const result = expr.evaluate(ctx);
  if (typeof result !== 'boolean') {
    const detail = `Expected a boolean, but '${expr.source}' evaluated to ${describeValue(result)}`;
    throw new ExpressionEvaluationError(detail, expr.source, true);
  }
  return result;
}
