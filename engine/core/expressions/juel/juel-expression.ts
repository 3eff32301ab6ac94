import { checkBuiltString, EvaluationBudget } from '../budget.js';
import { ExpressionEvaluationError } from '../errors.js';
import type { CompiledExpression, ExpressionContext, ExpressionLanguage, VariablesRead } from '../expression-context.js';
import type { TemplateSegment } from './ast.js';
import { toElString } from './coercion.js';
import { evaluateNode } from './evaluator.js';
import { collectIdentifiers, collectVariablesRead, parseTemplate } from './template.js';

/**
 * Compiles plain text, a single `${expr}` (result keeps its type) or a composite template
 * (result is the concatenation, null rendering as '').
 */
export function compileJuel(source: string): CompiledExpression {
  const segments = parseTemplate(source);
  const hasExpression = segments.some((segment) => segment.kind === 'expression');
  if (!hasExpression) {
    return new JuelExpression(source, 'literal', segments, [], { names: [], dynamic: false });
  }
  return new JuelExpression(source, 'juel', segments, collectIdentifiers(segments), collectVariablesRead(segments));
}

class JuelExpression implements CompiledExpression {
  readonly isLiteral: boolean;

  constructor(
    readonly source: string,
    readonly language: ExpressionLanguage,
    private readonly segments: readonly TemplateSegment[],
    readonly identifiers: readonly string[],
    readonly variablesRead: VariablesRead,
  ) {
    this.isLiteral = language === 'literal';
  }

  evaluate(ctx: ExpressionContext): unknown {
    try {
      return this.evaluateSegments(ctx);
    } catch (error) {
      if (error instanceof ExpressionEvaluationError) throw error.withSource(this.source);
      throw error;
    }
  }

  private evaluateSegments(ctx: ExpressionContext): unknown {
    const budget = new EvaluationBudget();
    const [first] = this.segments;
    if (first === undefined) return '';
    if (this.segments.length === 1) {
      return first.kind === 'text' ? first.text : evaluateNode(first.node, ctx, budget);
    }
    const parts = this.segments.map((segment) => (segment.kind === 'text' ? segment.text : toElString(evaluateNode(segment.node, ctx, budget))));
    checkBuiltString({ length: parts.reduce((sum, part) => sum + part.length, 0) }, 'the template');
    return parts.join('');
  }
}
