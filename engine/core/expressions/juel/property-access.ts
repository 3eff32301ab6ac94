import { ExpressionEvaluationError } from '../errors.js';
import { isHostObject } from '../host-object.js';
import { isPlainObject, normalizeUndefined, readOwnData } from '../plain-values.js';
import { isForbiddenName } from '../security.js';
import { describeKind, describeValue } from '../value-format.js';
import { toElString } from './coercion.js';

/**
 * `base.name` / `base[key]` with EL semantics: null base or key gives null, a missing map
 * entry gives null, an array index out of range gives null. Only OWN data properties of
 * plain objects and arrays are read; prototypes and getters are never touched.
 */
export function readProperty(base: unknown, key: unknown): unknown {
  if (base === null || base === undefined || key === null || key === undefined) return null;
  if (Array.isArray(base)) return readArrayElement(base, key);
  const name = toPropertyName(key);
  if (isHostObject(base)) return normalizeUndefined(base.getProperty(name));
  if (isPlainObject(base)) {
    const lookup = readOwnData(base, name);
    if (lookup.found) return normalizeUndefined(lookup.value);
    if (lookup.isAccessor) {
      throw new ExpressionEvaluationError(`Expected a data property, but '${name}' is an accessor`);
    }
    return null;
  }
  throw new ExpressionEvaluationError(`Expected an object, an array or a host object to read property '${name}' from, but found ${describeKind(base)}`);
}

export function assertAllowedName(name: string, what: 'property' | 'method'): void {
  if (isForbiddenName(name) && !(what === 'method' && name === 'toString')) {
    throw new ExpressionEvaluationError(`Expected an allowed ${what} name, but found '${name}'`);
  }
}

function toPropertyName(key: unknown): string {
  if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') {
    throw new ExpressionEvaluationError(`Expected a property name, but found ${describeValue(key)}`);
  }
  const name = toElString(key);
  assertAllowedName(name, 'property');
  return name;
}

function readArrayElement(array: readonly unknown[], key: unknown): unknown {
  const index = toArrayIndex(key);
  if (index < 0 || index >= array.length) return null;
  const lookup = readOwnData(array, String(index));
  return lookup.found ? normalizeUndefined(lookup.value) : null;
}

/** EL coerces the key to an int; anything that is not an integer is an error. */
export function toArrayIndex(key: unknown): number {
  const number = typeof key === 'number' ? key : typeof key === 'string' && /^\s*[+-]?\d+\s*$/.test(key) ? Number(key) : NaN;
  if (!Number.isInteger(number)) {
    throw new ExpressionEvaluationError(`Expected an integer array index, but found ${describeValue(key)}`);
  }
  return number;
}
