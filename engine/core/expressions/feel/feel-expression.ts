import { evaluate, FeelFunction, parseDate, SyntaxError as FeelSyntaxError, toFeel } from 'feelin';
import { EvaluationBudget } from '../budget.js';
import { ExpressionEvaluationError, ExpressionSyntaxError } from '../errors.js';
import type { CompiledExpression, ExpressionContext, VariablesRead } from '../expression-context.js';
import { isForbiddenName } from '../security.js';
import { feelBuiltin, meteredBuiltin } from './feel-builtins.js';
import { instrumentFeel, parseFeel, type FeelTop } from './feel-instrument.js';
import { meterFunctions } from './feel-meter.js';
import { analyzeFeel, type FeelSyntax } from './feel-syntax.js';
import { fromFeelResult, toFeelInput } from './feel-values.js';

export const FEEL_PREFIX = '=';

/** Camunda 8 style `=expression`, evaluated by feelin. Unknown variables evaluate to null (FEEL semantics). */
export function compileFeel(source: string): CompiledExpression {
  const body = source.slice(FEEL_PREFIX.length);
  const syntax = analyzeFeel(source, body, FEEL_PREFIX.length);
  return new FeelExpression(source, instrumented(source, body), syntax);
}

/** the metered form of the expression (see instrumentFeel); it must parse like the original */
export function instrumented(source: string, body: string, top: FeelTop = 'expression'): string {
  const text = instrumentFeel(body, top);
  let valid = true;
  parseFeel(text, top).iterate({
    enter(node) {
      if (node.type.isError) valid = false;
      return valid;
    },
  });
  if (!valid) throw new ExpressionSyntaxError('a FEEL expression the engine can meter', 'a construct it cannot', 0, source);
  return text;
}

class FeelExpression implements CompiledExpression {
  readonly language = 'feel' as const;
  readonly isLiteral = false;
  readonly identifiers: readonly string[];
  private readonly builtinNames: readonly string[];
  /** FEEL reads variables only by name; context-local names (`for x in ...`) may be counted too */
  readonly variablesRead: VariablesRead;

  constructor(
    readonly source: string,
    private readonly body: string,
    private readonly syntax: FeelSyntax,
  ) {
    this.identifiers = syntax.identifiers;
    this.builtinNames = feelBuiltinNames(syntax);
    this.variablesRead = { names: syntax.identifiers, dynamic: false };
  }

  evaluate(ctx: ExpressionContext): unknown {
    try {
      const budget = new EvaluationBudget();
      return fromFeelResult(evaluate(this.body, buildFeelContext(this.syntax, this.builtinNames, ctx, budget)).value);
    } catch (error) {
      if (error instanceof ExpressionEvaluationError) throw error.withSource(this.source);
      const reason = error instanceof Error ? error.message : String(error);
      const expected = error instanceof FeelSyntaxError ? 'a valid FEEL expression' : 'FEEL evaluation to succeed';
      throw new ExpressionEvaluationError(`Expected ${expected}, but it failed with '${reason}'`, this.source);
    }
  }
}

/**
 * The context a FEEL text is evaluated in: every referenced name is resolved up front; the engine
 * clock replaces FEEL's now() and today(), metered versions replace the other built-ins, and the
 * metering functions come last.
 */
export function buildFeelContext(syntax: FeelSyntax, builtinNames: readonly string[], ctx: ExpressionContext, budget: EvaluationBudget): Record<string, unknown> {
  // A plain object on purpose: feelin only converts JS Dates inside plain-object contexts.
  const context: Record<string, unknown> = {};
  for (const name of [...syntax.identifiers, ...syntax.functionNames]) {
    if (isForbiddenName(name)) continue;
    const resolved = ctx.resolve(name);
    if (!resolved.found) continue;
    // converting a value for feelin costs about as much as reading it: pay before converting
    budget.chargeValue(resolved.value);
    context[name] = toFeelInput(resolved.value);
  }
  const clockFunctions: Record<string, () => unknown> = {
    now: () => toFeel(ctx.now()),
    today: () => parseDate(ctx.now().toISOString().slice(0, 10)),
  };
  for (const [name, fn] of Object.entries(clockFunctions)) {
    if (syntax.functionNames.includes(name) && !Object.hasOwn(context, name)) context[name] = new FeelFunction(fn, []);
  }
  for (const name of builtinNames) {
    if (!Object.hasOwn(context, name)) context[name] = meteredBuiltin(name, budget);
  }
  return Object.assign(context, meterFunctions(budget));
}

/** the names a FEEL text uses that are feelin built-ins (found once, when it is compiled) */
export function feelBuiltinNames(syntax: FeelSyntax): readonly string[] {
  return [...new Set([...syntax.identifiers, ...syntax.functionNames])].filter((name) => feelBuiltin(name) !== undefined);
}
