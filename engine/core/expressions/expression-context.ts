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
  evaluate(ctx: ExpressionContext): unknown;
}
