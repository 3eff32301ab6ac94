import { isHostObject } from './host-object.js';
import { isPlainObject, ownDataKeys } from './plain-values.js';

const MAX_DESCRIPTION_LENGTH = 80;
const MAX_JSON_NODES = 10_000;
const MAX_JSON_DEPTH = 64;

/** Short rendering of a value for error messages: strings quoted, everything else compact. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `'${truncate(value)}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return `date '${formatDate(value)}'`;
  if (isHostObject(value)) return 'a host object';
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value) || isPlainObject(value)) return truncate(toJsonText(value));
  return 'an object';
}

/** Kind of value, for messages such as "Method 'x' is not allowed on a string". */
export function describeKind(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (isPlainObject(value)) return 'an object';
  if (isHostObject(value)) return 'a host object';
  if (typeof value === 'function') return 'a function';
  return 'an unsupported object';
}

export function formatDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString();
}

/**
 * JSON text for arrays / plain objects. Hand-rolled rather than JSON.stringify so that
 * no toJSON() or getter found in the data is ever executed; cycles and huge graphs are cut off.
 */
export function toJsonText(value: unknown): string {
  return renderJson(value, { ancestors: new Set(), remainingNodes: MAX_JSON_NODES });
}

interface JsonBudget {
  readonly ancestors: Set<unknown>;
  remainingNodes: number;
}

function renderJson(value: unknown, budget: JsonBudget): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return JSON.stringify(formatDate(value));
  if (!Array.isArray(value) && !isPlainObject(value)) return 'null';
  if (budget.ancestors.has(value) || budget.ancestors.size >= MAX_JSON_DEPTH || --budget.remainingNodes < 0) return '"..."';
  budget.ancestors.add(value);
  const text = Array.isArray(value)
    ? `[${value.map((item) => renderJson(item, budget)).join(',')}]`
    : `{${ownDataKeys(value).map((key) => `${JSON.stringify(key)}:${renderJson(value[key], budget)}`).join(',')}}`;
  budget.ancestors.delete(value);
  return text;
}

function truncate(text: string): string {
  return text.length > MAX_DESCRIPTION_LENGTH ? `${text.slice(0, MAX_DESCRIPTION_LENGTH)}...` : text;
}
