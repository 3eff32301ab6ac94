import { isPlainObject, ownDataKeys } from '../plain-values.js';
import { DateTimeValue } from './date-time.js';

const MAX_DEPTH = 64;

/**
 * Java `equals` semantics for the values expressions handle: no type coercion, dates by
 * instant, arrays and plain objects structurally (like List.equals / Map.equals).
 */
export function valuesEqual(left: unknown, right: unknown, depth = 0): boolean {
  if (left === right) return true;
  if (left === null || left === undefined || right === null || right === undefined) {
    return (left ?? null) === (right ?? null);
  }
  const leftInstant = instantOf(left);
  const rightInstant = instantOf(right);
  if (leftInstant !== undefined || rightInstant !== undefined) return leftInstant === rightInstant;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => valuesEqual(item, right[index], depth + 1));
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const leftKeys = ownDataKeys(left);
    const rightKeys = new Set(ownDataKeys(right));
    return (
      leftKeys.length === rightKeys.size &&
      leftKeys.every((key) => rightKeys.has(key) && valuesEqual(left[key], right[key], depth + 1))
    );
  }
  return false;
}

/** Epoch millis of a Date or dateTime() value, else undefined. */
export function instantOf(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (value instanceof DateTimeValue) return value.getMillis();
  return undefined;
}
