import { jsonValuesEqual } from './json-values.js';
import type { TypedValue } from './variable-types.js';

/**
 * Same type, same value and same valueInfo (absent and `{}` are equal). Dates compare by
 * instant, Bytes byte by byte, Json/Object structurally regardless of key order.
 */
export function typedValuesEqual(a: TypedValue, b: TypedValue): boolean {
  return a.type === b.type && valuesEqual(a.value, b.value) && jsonValuesEqual(a.valueInfo ?? {}, b.valueInfo ?? {});
}

function valuesEqual(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && bytesEqual(a, b);
  }
  return jsonValuesEqual(a ?? null, b ?? null);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
