import { ExpressionEvaluationError } from './errors.js';
import { EXPRESSION_LIMITS, STRING_CHARS_PER_STEP } from './limits.js';
import { isPlainObject } from './plain-values.js';

/**
 * The work one evaluation may still do. Evaluators charge steps as they go (an element
 * iterated, a value read, a method run); the first charge over the limit fails the evaluation.
 */
export class EvaluationBudget {
  private used = 0;

  constructor(private readonly maxSteps: number = EXPRESSION_LIMITS.maxSteps) {}

  charge(steps: number): void {
    this.used += steps;
    if (this.used > this.maxSteps) {
      throw new ExpressionEvaluationError(
        `Expected the evaluation to finish within ${this.maxSteps} steps, but it needs more (too many iterations, calls or too much data read)`,
      );
    }
  }

  /** charges what reading or passing a value costs: one step per element, string chunk or entry it holds */
  chargeValue(value: unknown): void {
    const pending: unknown[] = [value];
    let steps = 0;
    while (pending.length > 0) {
      const next = pending.pop();
      steps += typeof next === 'string' ? 1 + Math.floor(next.length / STRING_CHARS_PER_STEP) : 1;
      const children = Array.isArray(next) ? next : isPlainObject(next) ? Object.values(next) : [];
      // what is still to walk will cost at least a step each: fail before walking a huge value whole
      if (this.used + steps + pending.length + children.length > this.maxSteps) this.charge(steps + pending.length + children.length);
      for (const child of children) pending.push(child);
    }
    this.charge(steps);
  }
}

/** a string an expression built must stay within the limit */
export function checkBuiltString<T extends { readonly length: number }>(value: T, what: string): T {
  if (value.length > EXPRESSION_LIMITS.maxStringLength) {
    throw new ExpressionEvaluationError(
      `Expected ${what} to build a string of at most ${EXPRESSION_LIMITS.maxStringLength} characters, but it has ${value.length}`,
    );
  }
  return value;
}

/** a list an expression built must stay within the limit */
export function checkBuiltList(length: number, what: string): void {
  if (length > EXPRESSION_LIMITS.maxListLength) {
    throw new ExpressionEvaluationError(
      `Expected ${what} to build a list of at most ${EXPRESSION_LIMITS.maxListLength} elements, but it has ${length}`,
    );
  }
}
