import { InvalidRequestError } from '../../core/errors/index.js';
import type { Filter, ListQuery, Page, Sorting, VariableCondition } from '../../core/ports/engine-queries.js';
import { parseCamundaDate } from '../../core/variables/index.js';
import { INT32_MAX, INT32_MIN, isInt32 } from './number-limits.js';

/** `int`: a 32-bit integer, as Camunda's Integer parameters (and the database's integer columns); `long`: a 64-bit one (any safe integer) */
export type ParamType = 'string' | 'boolean' | 'int' | 'long' | 'date' | 'list' | 'variables';
export type ParamSpec = Readonly<Record<string, ParamType>>;

type Raw = Readonly<Record<string, unknown>>;

/** Reads Camunda-style query parameters (strings) or JSON query bodies into a typed filter. */
export function parseFilter(raw: Raw, spec: ParamSpec): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(spec)) {
    const value = raw[name];
    if (value === undefined || value === null || value === '') continue;
    filter[name] = convert(name, type, value);
  }
  return filter;
}

function convert(name: string, type: ParamType, value: unknown): unknown {
  const text = Array.isArray(value) && type !== 'list' && type !== 'variables' ? String(value[value.length - 1]) : value;
  switch (type) {
    case 'string':
      return String(text);
    case 'boolean': {
      if (text === true || text === 'true') return true;
      if (text === false || text === 'false') return false;
      throw new InvalidRequestError(`Cannot set query parameter '${name}' to value '${String(text)}': expected true or false`);
    }
    case 'int': {
      const n = Number(text);
      if (!isInt32(n)) throw new InvalidRequestError(`Cannot set query parameter '${name}' to value '${String(text)}': expected an integer from ${INT32_MIN} to ${INT32_MAX}`);
      return n;
    }
    case 'long': {
      const n = Number(text);
      if (!Number.isSafeInteger(n)) throw new InvalidRequestError(`Cannot set query parameter '${name}' to value '${String(text)}': expected an integer from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`);
      return n;
    }
    case 'date':
      try {
        return text instanceof Date ? text : parseCamundaDate(String(text));
      } catch {
        throw new InvalidRequestError(`Cannot set query parameter '${name}' to value '${String(text)}': expected a date such as 2031-06-01T09:30:00.000+0000`);
      }
    case 'list':
      return (Array.isArray(value) ? value.flatMap((v) => String(v).split(',')) : String(value).split(',')).map((s) => s.trim()).filter(Boolean);
    case 'variables':
      return parseVariableConditions(name, value);
  }
}

const OPERATORS = new Set(['eq', 'neq', 'gt', 'gteq', 'lt', 'lteq', 'like']);

/** `amount_gteq_1000,status_eq_open` or JSON `[{name, operator, value}]` */
export function parseVariableConditions(param: string, value: unknown): VariableCondition[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null)) {
    return (value as { name?: unknown; operator?: unknown; value?: unknown }[]).map((v) => {
      const operator = String(v.operator);
      if (!OPERATORS.has(operator) || typeof v.name !== 'string') {
        throw new InvalidRequestError(`Invalid variable condition in '${param}': expected {name, operator, value} with operator one of ${[...OPERATORS].join(', ')}`);
      }
      return { name: v.name, operator: operator as VariableCondition['operator'], value: (v.value ?? null) as VariableCondition['value'] };
    });
  }
  const items = (Array.isArray(value) ? value.map(String) : String(value).split(',')).filter(Boolean);
  return items.map((item) => {
    const match = /^(.+?)_(eq|neq|gteq|gt|lteq|lt|like)_(.*)$/.exec(item);
    if (!match) throw new InvalidRequestError(`Invalid variable condition '${item}' in '${param}': expected name_operator_value, e.g. amount_gteq_1000`);
    return { name: match[1]!, operator: match[2] as VariableCondition['operator'], value: typedLiteral(match[3]!) };
  });
}

function typedLiteral(text: string): string | number | boolean | null {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

/** sortBy/sortOrder (query) or sorting: [{sortBy, sortOrder}] (body); one without the other is an error */
export function parseSorting(raw: Raw): Sorting[] | undefined {
  const sorting = raw['sorting'];
  if (Array.isArray(sorting)) {
    return sorting.map((s: unknown, i) => {
      if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new InvalidRequestError(`Invalid 'sorting.${i}': expected {sortBy, sortOrder}`);
      const { sortBy, sortOrder } = s as { sortBy?: unknown; sortOrder?: unknown };
      return sortOf(sortBy, sortOrder);
    });
  }
  const sortBy = raw['sortBy'];
  const sortOrder = raw['sortOrder'];
  if (sortBy === undefined && sortOrder === undefined) return undefined;
  return [sortOf(sortBy, sortOrder)];
}

function sortOf(sortBy: unknown, sortOrder: unknown): Sorting {
  if (sortBy === undefined || sortOrder === undefined || sortBy === '' || sortOrder === '') {
    throw new InvalidRequestError('Only a single sorting parameter specified. sortBy and sortOrder required');
  }
  if (sortOrder !== 'asc' && sortOrder !== 'desc') {
    throw new InvalidRequestError(`Cannot set query parameter 'sortOrder' to value '${String(sortOrder)}': expected asc or desc`);
  }
  return { sortBy: String(sortBy), sortOrder };
}

export function parsePage(raw: Raw): Page {
  const page: { firstResult?: number; maxResults?: number } = {};
  for (const name of ['firstResult', 'maxResults'] as const) {
    const value = raw[name];
    if (value === undefined || value === '') continue;
    const n = Number(value);
    if (!isInt32(n) || n < 0) throw new InvalidRequestError(`Cannot set query parameter '${name}' to value '${String(value)}': expected an integer from 0 to ${INT32_MAX}`);
    page[name] = n;
  }
  return page;
}

export function listQuery(raw: Raw, spec: ParamSpec, extra: Filter = {}): ListQuery {
  const sorting = parseSorting(raw);
  return { filter: { ...parseFilter(raw, spec), ...extra }, page: parsePage(raw), ...(sorting ? { sorting } : {}) };
}
