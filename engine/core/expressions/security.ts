/**
 * Property and method names that reach into the JS prototype machinery. They are refused
 * everywhere (compile time when written literally, run time when computed), even on
 * objects that happen to own such a key, so no expression can ever touch a prototype.
 */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'valueOf',
  // `toString` is a whitelisted *method*; only reading it as a property is refused.
  'toString',
]);

export function isForbiddenName(name: string): boolean {
  return FORBIDDEN_NAMES.has(name);
}

/** Method names are checked against the same list, except the whitelisted toString(). */
export function isForbiddenMethodName(name: string): boolean {
  return name !== 'toString' && FORBIDDEN_NAMES.has(name);
}
