import { ExpressionEvaluationError } from '../errors.js';
import { isPlainObject } from '../plain-values.js';
import { describeValue } from '../value-format.js';
import type { BinaryOperator } from './ast.js';
import { isFloatingPoint, toBoolean, toElString, toNumber } from './coercion.js';
import { instantOf, valuesEqual } from './value-equality.js';

/** EL 2.2 operator semantics (spec sections 1.7 - 1.10). */

export function applyBinary(operator: BinaryOperator, left: unknown, right: unknown): unknown {
  switch (operator) {
    case '+':
    case '-':
    case '*':
      return arithmetic(operator, left, right);
    case '/':
      return divide(left, right);
    case '%':
      return modulo(left, right);
    case '==':
      return equals(left, right);
    case '!=':
      return !equals(left, right);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compare(operator, left, right);
  }
}

/** `+` is numeric only: EL does not concatenate strings. */
function arithmetic(operator: '+' | '-' | '*', left: unknown, right: unknown): number {
  const a = toNumber(left);
  const b = toNumber(right);
  if (operator === '+') return a + b;
  if (operator === '-') return a - b;
  return a * b;
}

/** `/` and `div` always divide as doubles, so 1 / 0 is Infinity as in Java. */
function divide(left: unknown, right: unknown): number {
  if (isNull(left) && isNull(right)) return 0;
  return toNumber(left) / toNumber(right);
}

/** `%` and `mod`: double remainder if either side is floating point, else integer remainder. */
function modulo(left: unknown, right: unknown): number {
  if (isNull(left) && isNull(right)) return 0;
  const a = toNumber(left);
  const b = toNumber(right);
  if (!isFloatingPoint(left) && !isFloatingPoint(right) && b === 0) {
    throw new ExpressionEvaluationError(`Expected a non-zero divisor, but found ${describeValue(right)}`);
  }
  return a % b;
}

export function negate(value: unknown): number {
  if (isNull(value)) return 0;
  return -toNumber(value);
}

export function equals(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (isNull(left) || isNull(right)) return false;
  if (typeof left === 'number' || typeof right === 'number') {
    return toNumber(left) === toNumber(right);
  }
  if (typeof left === 'boolean' || typeof right === 'boolean') return toBoolean(left) === toBoolean(right);
  if (typeof left === 'string' || typeof right === 'string') return toElString(left) === toElString(right);
  return valuesEqual(left, right);
}

export function compare(operator: '<' | '>' | '<=' | '>=', left: unknown, right: unknown): boolean {
  if (left === right || (instantOf(left) !== undefined && instantOf(left) === instantOf(right))) {
    return operator === '<=' || operator === '>=';
  }
  if (isNull(left) || isNull(right)) return false;
  const order = compareOrder(left, right);
  switch (operator) {
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
  }
}

function compareOrder(left: unknown, right: unknown): number {
  if (typeof left === 'number' || typeof right === 'number') {
    return Math.sign(toNumber(left) - toNumber(right));
  }
  if (typeof left === 'string' || typeof right === 'string') {
    const a = toElString(left);
    const b = toElString(right);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const leftInstant = instantOf(left);
  const rightInstant = instantOf(right);
  if (leftInstant !== undefined && rightInstant !== undefined) return Math.sign(leftInstant - rightInstant);
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  throw new ExpressionEvaluationError(
    `Expected two comparable values, but found ${describeValue(left)} and ${describeValue(right)}`,
  );
}

/** `empty x`: null, '', an empty array or an empty object. */
export function isEmptyValue(value: unknown): boolean {
  if (isNull(value) || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

function isNull(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}
