import { evaluate, SyntaxError as FeelSyntaxError, unaryTest } from 'feelin';
import type { EvaluationBudget } from '../expressions/budget.js';
import { compileExpression, ExpressionEvaluationError, ExpressionSyntaxError, type CompiledExpression } from '../expressions/index.js';
import { buildFeelContext, feelBuiltinNames, instrumented } from '../expressions/feel/feel-expression.js';
import type { FeelTop } from '../expressions/feel/feel-instrument.js';
import { analyzeFeel, type FeelSyntax } from '../expressions/feel/feel-syntax.js';
import { toFeelInput } from '../expressions/feel/feel-values.js';
import { FEEL_CELL_STEPS } from './dmn-limits.js';
import { compileLiteralUnaryTests } from './literal-unary-tests.js';

/** what a DMN expression sees: the variables (and an input entry's input variable), the clock, the decision's budget */
export interface DmnScope {
  resolve(name: string): { found: true; value: unknown } | { found: false };
  now(): Date;
  readonly budget: EvaluationBudget;
}

/** an input expression, output entry or literal expression, compiled once */
export interface DmnExpression {
  readonly text: string;
  /** the value as the expression language has it (FEEL temporal values stay FEEL values) */
  evaluate(scope: DmnScope): unknown;
}

/** an input entry (or allowed values), compiled once: does the value pass? */
export interface DmnUnaryTests {
  readonly text: string;
  matches(value: unknown, scope: DmnScope): boolean;
}

export type DmnLanguage = 'feel' | 'juel';

/** `feel` (and Camunda's `feel-scala`, `feel-juel`), `juel` or a FEEL namespace URI; null when the language is not one the engine runs */
export function languageOf(expressionLanguage: string | undefined | null, fallback: DmnLanguage): DmnLanguage | null {
  if (!expressionLanguage?.trim()) return fallback;
  const lower = expressionLanguage.trim().toLowerCase();
  if (lower === 'juel') return 'juel';
  if (lower.startsWith('feel') || /\/feel(\/|$)/.test(lower)) return 'feel';
  return null;
}

/** compiles a FEEL expression or JUEL expression; throws ExpressionSyntaxError */
export function compileDmnExpression(text: string, language: DmnLanguage): DmnExpression {
  if (language === 'juel') return new JuelDmnExpression(text, compileJuelText(text));
  return new FeelDmnExpression(text, 'expression');
}

/** compiles an input entry: FEEL unary tests (`-` or empty: any value) or a JUEL boolean expression */
export function compileDmnUnaryTests(text: string, language: DmnLanguage): DmnUnaryTests | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '-') return null;
  if (language === 'juel') {
    const expression = new JuelDmnExpression(text, compileJuelText(text));
    return { text, matches: (_value, scope) => expression.evaluate(scope) === true };
  }
  const literal = literalPredicate(text);
  // a literal entry needs the metered form only for values of another type: made when first needed
  const tests = new FeelDmnExpression(text, 'unaryTests', literal !== null);
  if (!literal) return { text, matches: (value, scope) => tests.test(value, scope) };
  return {
    text,
    matches: (value, scope) => {
      const known = literal(value);
      if (known === undefined) return tests.test(value, scope);
      scope.budget.charge(1);
      return known;
    },
  };
}

/** the fast form of a literal entry, or null (then feelin evaluates it; a syntax error is reported by it) */
function literalPredicate(text: string): ReturnType<typeof compileLiteralUnaryTests> {
  try {
    return compileLiteralUnaryTests(text);
  } catch {
    return null;
  }
}

/** a JUEL text without `${...}` is one expression, as Camunda reads `amount > 10` in a DMN table */
function compileJuelText(text: string): CompiledExpression {
  return compileExpression(/[$#]\{/.test(text) ? text : `\${${text}}`);
}

class JuelDmnExpression implements DmnExpression {
  constructor(
    readonly text: string,
    private readonly compiled: CompiledExpression,
  ) {}

  evaluate(scope: DmnScope): unknown {
    scope.budget.charge(1);
    return this.compiled.evaluate({ resolve: (name) => scope.resolve(name), now: () => scope.now() });
  }
}

class FeelDmnExpression implements DmnExpression {
  private readonly syntax: FeelSyntax;
  private readonly builtinNames: readonly string[];
  private instrumentedBody: string | null = null;

  constructor(
    readonly text: string,
    private readonly top: FeelTop,
    lazy = false,
  ) {
    this.syntax = analyzeFeel(text, text, 0, top);
    this.builtinNames = feelBuiltinNames(this.syntax);
    if (!lazy) this.instrumentedBody = instrumented(text, text, top);
  }

  private get body(): string {
    this.instrumentedBody ??= instrumented(this.text, this.text, this.top);
    return this.instrumentedBody;
  }

  evaluate(scope: DmnScope): unknown {
    return this.run(scope, (context) => evaluate(this.body, context).value);
  }

  test(value: unknown, scope: DmnScope): boolean {
    return this.run(scope, (context) => {
      scope.budget.chargeValue(value);
      context['?'] = toFeelInput(value);
      return unaryTest(this.body, context).value === true;
    });
  }

  private run<T>(scope: DmnScope, body: (context: Record<string, unknown>) => T): T {
    try {
      scope.budget.charge(FEEL_CELL_STEPS);
      return body(buildFeelContext(this.syntax, this.builtinNames, scope, scope.budget));
    } catch (error) {
      if (error instanceof ExpressionEvaluationError) throw error.withSource(this.text);
      const reason = error instanceof Error ? error.message : String(error);
      const expected = error instanceof FeelSyntaxError ? 'a valid FEEL text' : 'FEEL evaluation to succeed';
      throw new ExpressionEvaluationError(`Expected ${expected}, but it failed with '${reason}'`, this.text);
    }
  }
}

/** the words of a syntax error, for a parse issue */
export function describeSyntaxError(error: unknown): string {
  if (error instanceof ExpressionSyntaxError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
