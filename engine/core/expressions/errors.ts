import { CodedError } from '../errors/coded-error.js';

/**
 * Thrown by compileExpression when the text is not a valid expression.
 * `position` is the 0-based offset into `source` where the problem was found.
 */
export class ExpressionSyntaxError extends CodedError {
  override readonly name = 'ExpressionSyntaxError';
  readonly code = 'ENGINE_EXPRESSION_INVALID';

  constructor(
    readonly expected: string,
    readonly found: string,
    readonly position: number,
    readonly source: string,
  ) {
    super(`Expected ${expected}, but found ${found} at position ${position} in '${source}'`);
  }
}

/**
 * Thrown while evaluating a compiled expression.
 *
 * Helpers deep inside the evaluator (and host objects) do not know the expression text,
 * so they may throw with `source` omitted; the compiled expression rethrows the error
 * with its own source attached (see `withSource`).
 */
export class ExpressionEvaluationError extends CodedError {
  override readonly name = 'ExpressionEvaluationError';
  readonly code = 'ENGINE_EXPRESSION_FAILED';
  readonly source: string;

  /** Pass `detailNamesSource` when `detail` already quotes the source, to avoid repeating it. */
  constructor(
    readonly detail: string,
    source?: string,
    detailNamesSource = false,
  ) {
    super(source === undefined || detailNamesSource ? detail : `${detail} in '${source}'`);
    this.source = source ?? '';
  }

  withSource(source: string): ExpressionEvaluationError {
    return this.source === '' ? new ExpressionEvaluationError(this.detail, source) : this;
  }
}
