/** What an expression can see while it is evaluated. */
export interface ExpressionContext {
  /** Resolve a top-level identifier. Return {found:false} if there is no such variable/bean. */
  resolve(name: string): { found: true; value: unknown } | { found: false };
  /** Current time for now() / dateTime(); comes from the engine clock, never Date.now(). */
  now(): Date;
}

export type ExpressionLanguage = 'literal' | 'juel' | 'feel';

/** An expression parsed once (at deployment) and evaluated many times. */
export interface CompiledExpression {
  readonly source: string;
  readonly language: ExpressionLanguage;
  /** true for a pure literal with no expression */
  readonly isLiteral: boolean;
  /** top-level identifiers referenced (best effort; for FEEL may be empty) */
  readonly identifiers: readonly string[];
  /** the variables evaluating it reads, found once at compile time */
  readonly variablesRead: VariablesRead;
  evaluate(ctx: ExpressionContext): unknown;
}

/**
 * The variables an expression reads: its identifiers and the literal names of
 * `execution.getVariable('x')` and the like. `dynamic` when it also reads variables whose names are
 * only known at run time (`execution.getVariable(name)`).
 */
export interface VariablesRead {
  readonly names: readonly string[];
  readonly dynamic: boolean;
}
