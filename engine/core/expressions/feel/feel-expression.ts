import { evaluate, FeelFunction, parseDate, SyntaxError as FeelSyntaxError, toFeel } from 'feelin';
import { ExpressionEvaluationError } from '../errors.js';
import type { CompiledExpression, ExpressionContext, VariablesRead } from '../expression-context.js';
import { isForbiddenName } from '../security.js';
import { analyzeFeel, type FeelSyntax } from './feel-syntax.js';
import { fromFeelResult, toFeelInput } from './feel-values.js';

export const FEEL_PREFIX = '=';

/** Camunda 8 style `=expression`, evaluated by feelin. Unknown variables evaluate to null (FEEL semantics). */
export function compileFeel(source: string): CompiledExpression {
  const body = source.slice(FEEL_PREFIX.length);
  return new FeelExpression(source, body, analyzeFeel(source, body, FEEL_PREFIX.length));
}

class FeelExpression implements CompiledExpression {
  readonly language = 'feel' as const;
  readonly isLiteral = false;
  readonly identifiers: readonly string[];
  /** FEEL reads variables only by name; context-local names (`for x in ...`) may be counted too */
  readonly variablesRead: VariablesRead;

  constructor(
    readonly source: string,
    private readonly body: string,
    private readonly syntax: FeelSyntax,
  ) {
    this.identifiers = syntax.identifiers;
    this.variablesRead = { names: syntax.identifiers, dynamic: false };
  }

  evaluate(ctx: ExpressionContext): unknown {
    let context: Record<string, unknown>;
    try {
      context = this.buildContext(ctx);
    } catch (error) {
      if (error instanceof ExpressionEvaluationError) throw error.withSource(this.source);
      throw error;
    }
    try {
      return fromFeelResult(evaluate(this.body, context).value);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const expected = error instanceof FeelSyntaxError ? 'a valid FEEL expression' : 'FEEL evaluation to succeed';
      throw new ExpressionEvaluationError(`Expected ${expected}, but it failed with '${reason}'`, this.source);
    }
  }

  /** Resolves every referenced name up front; the engine clock replaces FEEL's now() and today(). */
  private buildContext(ctx: ExpressionContext): Record<string, unknown> {
    // A plain object on purpose: feelin only converts JS Dates inside plain-object contexts.
    const context: Record<string, unknown> = {};
    for (const name of [...this.syntax.identifiers, ...this.syntax.functionNames]) {
      if (isForbiddenName(name)) continue;
      const resolved = ctx.resolve(name);
      if (resolved.found) context[name] = toFeelInput(resolved.value);
    }
    const clockFunctions: Record<string, () => unknown> = {
      now: () => toFeel(ctx.now()),
      today: () => parseDate(ctx.now().toISOString().slice(0, 10)),
    };
    for (const [name, fn] of Object.entries(clockFunctions)) {
      if (this.syntax.functionNames.includes(name) && !Object.hasOwn(context, name)) context[name] = new FeelFunction(fn, []);
    }
    return context;
  }
}
