import { ExpressionEvaluationError } from '../errors.js';
import { isHostObject } from '../host-object.js';
import { isPlainObject } from '../plain-values.js';
import { describeValue, formatDate, toJsonText } from '../value-format.js';

/**
 * EL 2.2 type coercions (spec section 1.18), adapted to JS values.
 * JS has a single number type, so Long vs Double only matters where the spec makes it
 * observable through errors (e.g. integer `%` by zero).
 */

// Java's Double.valueOf / Long.valueOf accept these (after trimming whitespace).
const NUMERIC_STRING = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** Coerce to Number: null and '' become 0; numeric strings are parsed; anything else fails. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined || value === '') return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (NUMERIC_STRING.test(trimmed)) return Number(trimmed);
  }
  throw new ExpressionEvaluationError(`Expected a number, but found ${describeValue(value)}`);
}

/** EL treats a value as floating point if it is a non-integral number or a string with '.', 'e' or 'E'. */
export function isFloatingPoint(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isInteger(value);
  return typeof value === 'string' && /[.eE]/.test(value);
}

/** Coerce to an int the way EL coerces method arguments: fractional parts are truncated. */
export function toInteger(value: unknown): number {
  const number = toNumber(value);
  if (!Number.isFinite(number)) {
    throw new ExpressionEvaluationError(`Expected an integer, but found ${describeValue(value)}`);
  }
  return Math.trunc(number);
}

/** Coerce to Boolean: null and '' are false; strings are true only for 'true' (any case). */
export function toBoolean(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  throw new ExpressionEvaluationError(`Expected a boolean, but found ${describeValue(value)}`);
}

/** Coerce to String, as used for composite templates: null renders as ''. */
export function toElString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return formatDate(value);
  if (Array.isArray(value) || isPlainObject(value)) return toJsonText(value);
  if (isHostObject(value)) return toElString(value.callMethod('toString', []));
  throw new ExpressionEvaluationError(`Expected a value that can be rendered as text, but found ${describeValue(value)}`);
}
