import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import { fromFeelResult } from '../expressions/feel/feel-values.js';

/** the type names Camunda 7's DMN engine knows (and DMN's `number`); any other typeRef leaves values as they are */
export const DMN_TYPE_REFS: ReadonlySet<string> = new Set(['string', 'integer', 'long', 'double', 'number', 'boolean', 'date']);

export type Conversion = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly expected: string };

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
/** Camunda's date form, `yyyy-MM-dd'T'HH:mm:ss`, read as UTC; a zone or fraction is accepted too */
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;
const INTEGER_TEXT = /^[+-]?\d{1,20}$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Converts a value to a column's type as Camunda 7 does (IntegerDataTypeTransformer and its
 * siblings): numbers and numeric strings become numbers of that kind, 'true'/'false' booleans,
 * date texts dates. null stays null. A value that does not fit is not converted: ok is false.
 * FEEL values (dates, durations) are kept as FEEL values for the `date` type, so input entries
 * compare them as FEEL does; `toResultValue` turns them into plain values.
 */
export function convertToType(value: unknown, typeRef: string | null): Conversion {
  if (value === null || value === undefined) return { ok: true, value: null };
  // DMN 1.1 files (the TCK's among them) qualify FEEL's types: feel:number
  switch (typeRef?.replace(/^feel:/, '')) {
    case 'string':
      if (typeof value === 'string') return { ok: true, value };
      if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
      return { ok: false, expected: 'a string' };
    case 'integer':
      return integral(value, INT_MIN, INT_MAX, 'an integer (32 bits)');
    case 'long':
      return integral(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'a long integer');
    case 'double':
    case 'number': {
      const number = numberOf(value);
      return number === null ? { ok: false, expected: 'a number' } : { ok: true, value: number };
    }
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return { ok: false, expected: "a boolean (or 'true'/'false')" };
    case 'date':
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? { ok: false, expected: 'a valid date' } : { ok: true, value };
      if (value instanceof FeelDate || value instanceof FeelDateTime) return { ok: true, value };
      if (typeof value === 'string' && DATE_TEXT.test(value)) {
        const date = new Date(/Z|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`);
        if (!Number.isNaN(date.getTime())) return { ok: true, value: date };
      }
      return { ok: false, expected: "a date (a Date or text like '2020-01-31T12:00:00')" };
    default:
      return { ok: true, value };
  }
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) return Number(value.trim());
  return null;
}

function integral(value: unknown, min: number, max: number, expected: string): Conversion {
  let number: number | null = null;
  if (typeof value === 'number' && Number.isInteger(value)) number = value;
  else if (typeof value === 'string' && INTEGER_TEXT.test(value.trim())) number = Number(value.trim());
  if (number === null || number < min || number > max) return { ok: false, expected };
  return { ok: true, value: number };
}

/** a value as a decision's result holds it: FEEL dates as Date, other FEEL temporals as text */
export function toResultValue(value: unknown): unknown {
  if (value instanceof FeelDate || value instanceof FeelDateTime || value instanceof FeelTime || value instanceof FeelDuration) return fromFeelResult(value);
  if (Array.isArray(value) || (typeof value === 'object' && value !== null && !(value instanceof Date))) return fromFeelResult(value);
  return value === undefined ? null : value;
}

/** two result values are the same (ANY, allowed values): dates by instant, lists and contexts by content */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
  }
  return a === b;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** a value in an error message */
export function describeValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 60)}...` : value}'`;
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 60)}...` : text;
  } catch {
    return typeof value;
  }
}
