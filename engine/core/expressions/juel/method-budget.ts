import { checkBuiltList, checkBuiltString, type EvaluationBudget } from '../budget.js';
import { STRING_CHARS_PER_STEP } from '../limits.js';
import { isPlainObject } from '../plain-values.js';

/** a method works through its target and arguments once: one step per element, entry or string chunk */
export function chargeMethod(budget: EvaluationBudget, target: unknown, args: readonly unknown[]): void {
  budget.charge(shallowSize(target) + args.reduce<number>((sum, arg) => sum + shallowSize(arg), 0));
}

function shallowSize(value: unknown): number {
  if (typeof value === 'string') return Math.floor(value.length / STRING_CHARS_PER_STEP);
  if (Array.isArray(value)) return value.length;
  if (isPlainObject(value)) return Object.keys(value).length;
  return 0;
}

/** what a method built must stay within the size limits */
export function checkMethodResult(name: string, result: unknown): unknown {
  if (typeof result === 'string') return checkBuiltString(result, `${name}()`);
  if (Array.isArray(result)) checkBuiltList(result.length, `${name}()`);
  return result;
}
