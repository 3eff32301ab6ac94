import type { TypedValue } from './variable-types.js';

/**
 * The JS value expressions and in-process handlers see: Json/Object as parsed JSON, Date as a
 * Date, Bytes as a Uint8Array, Long as number (bigint beyond 2^53), Null as null.
 * Mutable values are fresh copies, so a handler mutating them cannot alter the stored variable.
 */
export function toJsValue(tv: TypedValue): unknown {
  const { value } = tv;
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (typeof value === 'object') return structuredClone(value);
  return value;
}
