/**
 * JSON helpers for Json/Object variables: the engine keeps the parsed value, REST and storage
 * carry the serialized text.
 */

/** Parses JSON text; undefined when the text is not valid JSON. */
export function parseJsonText(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * A deep, JSON-safe copy of an in-memory value (what JSON.stringify keeps: nested Dates become
 * ISO strings, undefined members are dropped). Undefined when the value cannot be represented
 * (cycles, bigint, functions, symbols, non-finite numbers at the top).
 */
export function toJsonSafeCopy(value: unknown): { value: unknown; textLength: number } | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  return { value: JSON.parse(text) as unknown, textLength: text.length };
}

/** Serialized text of a stored Json/Object value. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value);
}

/** Deep equality of two JSON values, ignoring object key order. */
export function jsonValuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonValuesEqual(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) return false;
  return leftKeys.every((key) => Object.hasOwn(right, key) && jsonValuesEqual(left[key], right[key]));
}
