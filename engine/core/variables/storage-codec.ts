import { formatCamundaDate } from './camunda-date.js';
import { encodeBase64 } from './base64.js';
import { toJsonText } from './json-values.js';
import { coerceTypedValue } from './typed-value-coercion.js';
import { VariableValueError } from './variable-value-error.js';
import { resolveVariableTypeName, type TypedValue, type VariableTypeName } from './variable-types.js';

/** A variable as a database row stores it: everything is text, so the row is JSON-safe. */
export interface StoredVariable {
  type: VariableTypeName;
  /** null for a null value of any type. */
  text: string | null;
  valueInfo: Record<string, unknown> | null;
}

/**
 * Lossless text form per type: strings and XML verbatim (no escaping, so large strings stay
 * cheap), numbers in JS notation (Long beyond 2^53 exact from its bigint, Double `-0` kept),
 * booleans as `true`/`false`, Dates in the Camunda format (UTC, millisecond precision), Json and
 * Object as JSON text, Bytes as base64.
 */
export function serializeForStorage(tv: TypedValue): StoredVariable {
  return {
    type: tv.type,
    text: valueText(tv),
    valueInfo: tv.valueInfo === undefined ? null : structuredClone({ ...tv.valueInfo }),
  };
}

/**
 * Reads a row written by serializeForStorage. Type names are matched case-insensitively.
 * A row that cannot be decoded is a server-side fault: plain Error, not VariableValueError.
 */
export function deserializeFromStorage(row: {
  type: string;
  text: string | null;
  valueInfo: Record<string, unknown> | null;
}): TypedValue {
  const type = resolveVariableTypeName(row.type);
  if (type === undefined) throw new Error(`Corrupt stored variable: unknown type '${row.type}'`);
  const valueInfo = row.valueInfo === null || Object.keys(row.valueInfo).length === 0 ? undefined : row.valueInfo;
  try {
    // Every text form above is also accepted by the REST coercion of its type.
    return coerceTypedValue('(stored)', type, row.text, valueInfo === undefined ? undefined : structuredClone(valueInfo));
  } catch (error) {
    if (!(error instanceof VariableValueError)) throw error;
    throw new Error(`Corrupt stored variable: ${error.message}`, { cause: error });
  }
}

function valueText(tv: TypedValue): string | null {
  const { value } = tv;
  if (value === null || value === undefined) return null;
  switch (tv.type) {
    case 'Date':
      return formatCamundaDate(value as Date);
    case 'Bytes':
      return encodeBase64(value as Uint8Array);
    case 'Json':
    case 'Object':
      return toJsonText(value);
    case 'Double':
      return Object.is(value, -0) ? '-0' : String(value);
    default:
      return String(value);
  }
}
