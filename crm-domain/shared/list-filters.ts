import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { ownEntry } from '../../engine/core/shared/own-entry.js';
import { pagingShape } from './list-query.js';

/**
 * Where one list's filters write their conditions: columns of the list's own table (`col`, prefixed
 * with the query's alias), values only as named parameters (`param`), never spliced into the SQL.
 */
export class FilterConditions {
  readonly params: Record<string, unknown> = {};
  readonly parts: string[] = [];
  /** the entity property a prefix filter narrowed (readPage then sorts by it through an expression) */
  prefixFiltered: string | undefined;

  constructor(private readonly alias: string) {}

  col(column: string): string {
    return `${this.alias}.${column}`;
  }

  param(value: unknown): string {
    const name = `filter_${Object.keys(this.params).length}`;
    this.params[name] = value;
    return `:${name}`;
  }

  add(sql: string): void {
    this.parts.push(sql);
  }
}

/** how one query parameter narrows a list */
export interface ListFilter<V> {
  apply(where: FilterConditions, value: V): void;
  /** the value when the parameter is absent; without one an absent parameter narrows nothing */
  readonly whenAbsent?: V;
}

/** a list's query parameter: its type (a zod schema, see `q` in list-query.ts) and how it narrows the list */
export interface ListParam<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  readonly filter: ListFilter<NonNullable<z.output<S>>>;
}

export function param<S extends z.ZodType>(schema: S, filter: ListFilter<NonNullable<z.output<S>>>): ListParam<S> {
  return { schema, filter };
}

type ListShape<P extends Record<string, ListParam>> = typeof pagingShape & { [K in keyof P]: P[K]['schema'] };

/** a list's query, said once: page, pageSize, sort and the filters, each with its type and its condition */
export interface ListQuerySpec<P extends Record<string, ListParam>> {
  /** validates the query string (unknown parameters are refused) */
  readonly schema: z.ZodObject<ListShape<P>, z.core.$strict>;
  readonly params: P;
}

export function listQuery<P extends Record<string, ListParam>>(params: P): ListQuerySpec<P> {
  const filterShape = Object.fromEntries(Object.entries(params).map(([name, p]) => [name, p.schema]));
  return { schema: z.strictObject({ ...pagingShape, ...filterShape } as ListShape<P>), params };
}

const filter = <V>(apply: (where: FilterConditions, value: V) => void): ListFilter<V> => ({ apply });

/** the filters of a list, as data (the CRM's counterpart of the engine's filter-specs.ts) */
export const filters = {
  /** `column = value` */
  equals: <V>(column: string) => filter<V>((w, v) => w.add(`${w.col(column)} = ${w.param(v)}`)),
  /** `column = value`, ignoring case */
  equalsIgnoringCase: (column: string) => filter<string>((w, v) => w.add(`lower(${w.col(column)}) = ${w.param(v.toLowerCase())}`)),
  /** `column >= value` (amounts, dates from) */
  atLeast: <V>(column: string) => filter<V>((w, v) => w.add(`${w.col(column)} >= ${w.param(v)}`)),
  /** `column <= value` (amounts up to) */
  atMost: <V>(column: string) => filter<V>((w, v) => w.add(`${w.col(column)} <= ${w.param(v)}`)),
  /** `column < value` (dates before) */
  before: <V>(column: string) => filter<V>((w, v) => w.add(`${w.col(column)} < ${w.param(v)}`)),
  /**
   * the text column starts with the value, case-insensitive, using a lower(...) text_pattern_ops
   * index; `property` (the entity's name for the column) is then sorted through an expression
   */
  startsWith: (column: string, property: string) =>
    filter<string>((w, v) => {
      const escaped = v.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      w.add(`lower(${w.col(column)}) LIKE ${w.param(`${escaped}%`)}`);
      w.prefixFiltered = property;
    }),
  /** archived records (`true`) or, also when absent, the others */
  archived: (column = 'archived_at'): ListFilter<boolean> => ({
    apply: (w, v) => w.add(`${w.col(column)} IS ${v ? 'NOT NULL' : 'NULL'}`),
    whenAbsent: false,
  }),
  /** a condition written in SQL, applied when the parameter is `true` (`col` names the list's columns) */
  when: (sql: (col: (column: string) => string) => string) => filter<boolean>((w, v) => (v ? w.add(sql((c) => w.col(c))) : undefined)),
  /** the user in `column` is a member of the team named */
  inTeam: (column: string) => filter<string>((w, v) => w.add(`${w.col(column)} IN (SELECT id FROM crm.users WHERE team_id = ${w.param(v)})`)),
};

/**
 * Narrows a list query by the parameters the query gives (and the defaults of those it does not),
 * as the list's spec says; returns the property a prefix filter sorts by, for readPage.
 */
export function applyFilters<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, spec: ListQuerySpec<Record<string, ListParam>>, query: object): { prefixFiltered: string | undefined } {
  const where = new FilterConditions(qb.alias);
  for (const name of Object.keys(spec.params)) {
    const { filter: entry } = ownEntry(spec.params, name)!;
    const given = (query as Record<string, unknown>)[name];
    const value = given === undefined || given === null ? entry.whenAbsent : given;
    if (value !== undefined) entry.apply(where, value as never);
  }
  if (where.parts.length > 0) qb.andWhere(where.parts.join(' AND '), where.params);
  return { prefixFiltered: where.prefixFiltered };
}
