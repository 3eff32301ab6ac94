import type { AuditedCall } from './audited.js';

/** Safe pieces of a request for audit details: short scalars, names and ids, never values. */

const MAX_ITEMS = 50;
const MAX_TEXT = 200;

type Source = 'body' | 'query' | 'result' | 'params';

/** the fields of a JSON object; an empty record for anything else (a list, text, nothing) */
export function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** a string, number or boolean field, text cut short; undefined for anything else */
export function scalar(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'string') return value.slice(0, MAX_TEXT);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

/** the scalar (or null) fields `names` of an object; others are left out */
export function pickScalars(source: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, source[name] === null ? null : scalar(source[name])]).filter(([, value]) => value !== undefined));
}

/** the scalar (or null) fields `names` of the body (or query, answer): `{ userId: 'mary' }` */
export function fieldsOf(source: Source, ...names: string[]) {
  return (call: AuditedCall): Record<string, unknown> => pickScalars(recordOf(call[source]), names);
}

/** the names (and Camunda types) of a variables map, never the values: `[{ name: 'approved', type: 'Boolean' }]` */
export function variableNames(value: unknown): { name: string; type?: string }[] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.entries(value as Record<string, unknown>).slice(0, MAX_ITEMS).map(([name, typed]) => {
    const type = typeof typed === 'object' && typed !== null ? (typed as { type?: unknown }).type : typeof typed;
    return { name: name.slice(0, MAX_TEXT), ...(typeof type === 'string' ? { type: type.slice(0, 40) } : {}) };
  });
}

/** the variable names of the body's field `field` (Camunda's `variables`, `modifications`) */
export function variablesIn(field: string) {
  return (call: AuditedCall): Record<string, unknown> => {
    const names = variableNames(recordOf(call.body)[field]);
    return names ? { variables: names } : {};
  };
}

/** the first ids of a list, and how many there were */
export function idList(value: unknown): { ids: string[]; count: number } | undefined {
  if (!Array.isArray(value)) return undefined;
  return { ids: value.filter((v): v is string => typeof v === 'string').slice(0, MAX_ITEMS).map((v) => v.slice(0, MAX_TEXT)), count: value.length };
}

/** merges several detail extractors */
export function allOf(...parts: ((call: AuditedCall) => Record<string, unknown> | undefined)[]) {
  return (call: AuditedCall): Record<string, unknown> => Object.assign({}, ...parts.map((part) => part(call) ?? {}));
}
