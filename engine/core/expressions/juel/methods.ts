import { checkBuiltList, checkBuiltString } from '../budget.js';
import { ExpressionEvaluationError } from '../errors.js';
import { isHostObject, methodNotAllowed } from '../host-object.js';
import { isPlainObject, normalizeUndefined, ownDataKeys, readOwnData, type PlainObject } from '../plain-values.js';
import { describeKind } from '../value-format.js';
import { toElString, toInteger } from './coercion.js';
import { assertAllowedName, readProperty, toArrayIndex } from './property-access.js';
import { valuesEqual } from './value-equality.js';

/**
 * The whitelist of methods expressions may call on plain values, with Java semantics
 * (String, Number, List and Map as Camunda 7 exposes them). Host objects decide for themselves.
 */
interface Method<T> {
  /** allowed argument counts */
  readonly arity: readonly number[];
  invoke(target: T, args: readonly unknown[]): unknown;
}

type MethodTable<T> = ReadonlyMap<string, Method<T>>;

function method<T>(arity: number | readonly number[], invoke: (target: T, args: readonly unknown[]) => unknown): Method<T> {
  return { arity: typeof arity === 'number' ? [arity] : arity, invoke };
}

const STRING_METHODS: MethodTable<string> = new Map([
  ['length', method<string>(0, (s) => s.length)],
  ['isEmpty', method<string>(0, (s) => s.length === 0)],
  ['toUpperCase', method<string>(0, (s) => s.toUpperCase())],
  ['toLowerCase', method<string>(0, (s) => s.toLowerCase())],
  ['trim', method<string>(0, (s) => s.trim())],
  ['startsWith', method<string>(1, (s, [prefix]) => s.startsWith(toElString(prefix)))],
  ['endsWith', method<string>(1, (s, [suffix]) => s.endsWith(toElString(suffix)))],
  ['contains', method<string>(1, (s, [part]) => s.includes(toElString(part)))],
  ['equals', method<string>(1, (s, [other]) => s === other)],
  ['equalsIgnoreCase', method<string>(1, (s, [other]) => typeof other === 'string' && s.toLowerCase() === other.toLowerCase())],
  ['substring', method<string>([1, 2], substring)],
  ['indexOf', method<string>(1, (s, [part]) => s.indexOf(toElString(part)))],
  // Java's String.replace(CharSequence, CharSequence) replaces every occurrence literally.
  ['replace', method<string>(2, (s, [target, replacement]) => replaceLiterally(s, toElString(target), toElString(replacement)))],
  ['concat', method<string>(1, (s, [other]) => s + toElString(other))],
  ['toString', method<string>(0, (s) => s)],
  ['split', method<string>(1, (s, [separator]) => splitLikeJava(s, toElString(separator)))],
]);

const NUMBER_METHODS: MethodTable<number> = new Map([
  ['toString', method<number>(0, (n) => String(n))],
  ['intValue', method<number>(0, (n) => Math.trunc(n))],
  ['longValue', method<number>(0, (n) => Math.trunc(n))],
  ['doubleValue', method<number>(0, (n) => n)],
]);

const ARRAY_METHODS: MethodTable<readonly unknown[]> = new Map([
  ['size', method<readonly unknown[]>(0, (a) => a.length)],
  ['isEmpty', method<readonly unknown[]>(0, (a) => a.length === 0)],
  ['contains', method<readonly unknown[]>(1, (a, [item]) => a.some((element) => valuesEqual(element, item)))],
  ['get', method<readonly unknown[]>(1, getArrayElement)],
  ['indexOf', method<readonly unknown[]>(1, (a, [item]) => a.findIndex((element) => valuesEqual(element, item)))],
]);

const OBJECT_METHODS: MethodTable<PlainObject> = new Map([
  ['containsKey', method<PlainObject>(1, (o, [key]) => readOwnData(o, toElString(key)).found)],
  ['get', method<PlainObject>(1, (o, [key]) => readProperty(o, key))],
  ['size', method<PlainObject>(0, (o) => ownDataKeys(o).length)],
  ['isEmpty', method<PlainObject>(0, (o) => ownDataKeys(o).length === 0)],
  ['keySet', method<PlainObject>(0, (o) => ownDataKeys(o))],
]);

const DATE_METHODS: MethodTable<Date> = new Map([
  ['getTime', method<Date>(0, (d) => d.getTime())],
  ['before', method<Date>(1, (d, [other]) => other instanceof Date && d.getTime() < other.getTime())],
  ['after', method<Date>(1, (d, [other]) => other instanceof Date && d.getTime() > other.getTime())],
]);

export function invokeMethod(target: unknown, name: string, args: unknown[]): unknown {
  assertAllowedName(name, 'method');
  if (target === null || target === undefined) {
    throw new ExpressionEvaluationError(`Expected an object to call method '${name}' on, but found null`);
  }
  if (isHostObject(target)) return normalizeUndefined(target.callMethod(name, args));
  if (typeof target === 'string') return call(STRING_METHODS, target, name, args);
  if (typeof target === 'number') return call(NUMBER_METHODS, target, name, args);
  if (Array.isArray(target)) return call(ARRAY_METHODS, target, name, args);
  if (target instanceof Date) return call(DATE_METHODS, target, name, args);
  if (isPlainObject(target)) return call(OBJECT_METHODS, target, name, args);
  throw methodNotAllowed(name, describeKind(target));
}

function call<T>(table: MethodTable<T>, target: T, name: string, args: readonly unknown[]): unknown {
  const found = table.get(name);
  if (found === undefined) throw methodNotAllowed(name, describeKind(target));
  if (!found.arity.includes(args.length)) {
    throw new ExpressionEvaluationError(
      `Expected ${found.arity.join(' or ')} argument(s) for method '${name}', but found ${args.length}`,
    );
  }
  return found.invoke(target, args);
}

function substring(s: string, args: readonly unknown[]): string {
  const begin = toInteger(args[0]);
  const end = args.length > 1 ? toInteger(args[1]) : s.length;
  if (begin < 0 || end > s.length || begin > end) {
    throw new ExpressionEvaluationError(
      `Expected substring bounds within 0..${s.length}, but found ${begin}..${end}`,
    );
  }
  return s.substring(begin, end);
}

function getArrayElement(array: readonly unknown[], [key]: readonly unknown[]): unknown {
  const index = toArrayIndex(key);
  if (index < 0 || index >= array.length) {
    throw new ExpressionEvaluationError(`Expected an index within 0..${array.length - 1}, but found ${index}`);
  }
  return readProperty(array, index);
}

/** the result's length is checked before it is built: replacing '' in a long text multiplies it */
function replaceLiterally(s: string, target: string, replacement: string): string {
  const replaced = countSeparators(s, target);
  checkBuiltString({ length: s.length + replaced * (replacement.length - target.length) }, 'replace()');
  return s.split(target).join(replacement);
}

/** how many places `String.split(separator)` cuts at, counted without building the parts */
function countSeparators(s: string, separator: string): number {
  if (separator === '') return Math.max(0, s.length - 1);
  let count = 0;
  for (let at = s.indexOf(separator); at >= 0; at = s.indexOf(separator, at + separator.length)) count++;
  return count;
}

/**
 * Java's split drops trailing empty strings. The separator is taken literally rather than as
 * a regular expression, so user input can never run a (possibly catastrophic) regex.
 */
function splitLikeJava(s: string, separator: string): string[] {
  if (s === '') return [''];
  checkBuiltList(countSeparators(s, separator) + 1, 'split()');
  const parts = s.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
