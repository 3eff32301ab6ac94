/** Helpers for the plain JS data (Json variables) that expressions navigate. */

export type PlainObject = Record<string, unknown>;

/** A plain object literal or JSON.parse result; class instances (Date, Map, ...) are not. */
export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export type OwnDataLookup = { found: true; value: unknown } | { found: false; isAccessor: boolean };

/**
 * Reads an OWN data property without ever running a getter or consulting the prototype.
 */
export function readOwnData(target: object, key: string): OwnDataLookup {
  if (!Object.prototype.hasOwnProperty.call(target, key)) return { found: false, isAccessor: false };
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor === undefined || !('value' in descriptor)) return { found: false, isAccessor: true };
  return { found: true, value: descriptor.value };
}

/** Own enumerable string keys whose values are plain data (no accessors). */
export function ownDataKeys(target: object): string[] {
  return Object.keys(target).filter((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    return descriptor !== undefined && 'value' in descriptor;
  });
}

/** Expressions never surface `undefined`; EL only knows null. */
export function normalizeUndefined(value: unknown): unknown {
  return value === undefined ? null : value;
}
