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
  if (typeof value === 'object') return copyData(value);
  return value;
}

/**
 * A deep copy of parsed JSON data (Json/Object values), built from this realm's Object and Array.
 * Not structuredClone: where it comes from another realm (a vm context, as under jest), its copies
 * have a foreign Object.prototype, and expressions refuse to read properties of such objects.
 */
function copyData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyData);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime());
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyData(item)]));
}
