import { checkJsonDepth, checkJsonLength } from './json-limits.js';
import { toJsonSafeCopy } from './json-values.js';
import { canonicalLong, isInt32, isInt64 } from './numeric-values.js';
import { VariableValueError, describeValue } from './variable-value-error.js';
import type { TypedValue } from './variable-types.js';

/**
 * Types a plain JS value: a value sent without `type` over REST, an expression result or a
 * value set by an in-process handler.
 *
 * - undefined/null → Null; string → String; boolean → Boolean
 * - integer number in int32 range → Integer; other integer in int64 range → Long;
 *   any other finite number → Double (NaN/Infinity are rejected: JSON cannot carry them)
 * - bigint in int64 range → Long
 * - Date → Date; Uint8Array (incl. Buffer) → Bytes
 * - objects/arrays → Json, stored as a JSON-safe deep copy (nested Dates become ISO strings), within
 *   JSON_VALUE_LIMITS
 *
 * `variableName` only serves error messages.
 */
export function inferTypedValue(value: unknown, variableName = 'value'): TypedValue {
  if (value === undefined || value === null) return { type: 'Null', value: null };
  if (typeof value === 'string') return { type: 'String', value };
  if (typeof value === 'boolean') return { type: 'Boolean', value };
  if (typeof value === 'number') return inferNumber(value, variableName);
  if (typeof value === 'bigint') {
    if (isInt64(value)) return { type: 'Long', value: canonicalLong(value) };
    throw cannotInfer(variableName, value, 'a bigint outside the 64-bit range');
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw cannotInfer(variableName, value, 'an invalid Date');
    return { type: 'Date', value: new Date(value.getTime()) };
  }
  if (value instanceof Uint8Array) return { type: 'Bytes', value: new Uint8Array(value) };
  if (typeof value === 'object') {
    checkJsonDepth(variableName, value);
    const copy = toJsonSafeCopy(value);
    if (copy === undefined) throw cannotInfer(variableName, value, 'an object that cannot be serialized as JSON');
    checkJsonLength(variableName, copy.textLength);
    return { type: 'Json', value: copy.value };
  }
  throw cannotInfer(variableName, value, `a ${typeof value}`);
}

function inferNumber(value: number, variableName: string): TypedValue {
  if (!Number.isFinite(value)) throw cannotInfer(variableName, value, 'a non-finite number');
  if (isInt32(value)) return { type: 'Integer', value };
  if (Number.isInteger(value) && isInt64(BigInt(value))) return { type: 'Long', value: canonicalLong(BigInt(value)) };
  return { type: 'Double', value };
}

function cannotInfer(variableName: string, value: unknown, what: string): VariableValueError {
  return new VariableValueError(
    variableName,
    `Cannot store value '${describeValue(value)}' of variable '${variableName}': ${what} is not a supported variable value`,
  );
}
