import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { ownEntry } from '../../engine/core/shared/own-entry.js';
import { CrmInvalidRequestError } from './crm-errors.js';
import { instant } from './instants.js';

export interface PageResult<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** page, pageSize and sort (`sort=-amount,title`: minus for descending) of every list */
export const pagingShape = {
  page: z.coerce.number({ message: 'expected a page number' }).int().min(1, { message: 'expected 1 or more' }).default(1),
  pageSize: z.coerce.number({ message: 'expected a page size' }).int().min(1, { message: 'expected 1 or more' }).max(200, { message: 'expected at most 200' }).default(25),
  sort: z.string().max(200).optional(),
};

export interface Paging {
  readonly page: number;
  readonly pageSize: number;
  readonly sort?: string | undefined;
}

export interface SortSpec {
  /** API name → entity property */
  readonly sortable: Readonly<Record<string, string>>;
  readonly defaultSort: string;
}

export interface PageOptions {
  /**
   * the text property a prefix filter (`q`) narrows: sorting by it then goes through an expression,
   * so PostgreSQL finds the matches with the prefix index and sorts them, instead of walking the
   * whole sort index hoping to meet matches early (they may all sit at its end: `q=Zen`)
   */
  readonly prefixFiltered?: string | undefined;
}

/** a list's query before paging: its rows (filters and visibility applied), its sort spec and options */
export interface ListedQuery<E extends ObjectLiteral> {
  readonly qb: SelectQueryBuilder<E>;
  readonly spec: SortSpec;
  readonly options: PageOptions;
}

interface OrderTerm {
  readonly property: string;
  /** what is ordered by: the column, or an expression of it */
  readonly expression: string;
  readonly descending: boolean;
}

/** Orders by the requested fields (id last, for stable pages) and reads one page with the total. */
export async function readPage<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, paging: Paging, spec: SortSpec, options: PageOptions = {}): Promise<PageResult<E>> {
  orderBy(qb, orderTerms(qb.alias, paging, spec, options));
  qb.offset((paging.page - 1) * paging.pageSize).limit(paging.pageSize);
  const [items, total] = await Promise.all([qb.getMany(), qb.clone().offset(undefined).limit(undefined).orderBy().getCount()]);
  return { items, total, page: paging.page, pageSize: paging.pageSize };
}

/**
 * The next `limit` rows of the list after `after` (its last row read; null: from the start), in
 * the order readPage gives them, by their sort values and id (keyset paging): rows inserted or
 * removed meanwhile never shift a row into another page. Not counted. The bounds are the stored
 * row's own values, read by its id (an entity's dates hold milliseconds, the database's
 * microseconds); only whether one is null is taken from `after`.
 */
export async function readRowsAfter<E extends ObjectLiteral>(listed: ListedQuery<E>, sort: string | undefined, after: E | null, limit: number): Promise<E[]> {
  const { qb, spec, options } = listed;
  const order = orderTerms(qb.alias, { sort }, spec, options);
  if (after) qb.andWhere(afterRow(qb, order, after), { keyset_after: (after as Record<string, unknown>)['id'] });
  orderBy(qb, order);
  return qb.limit(limit).getMany();
}

/** the condition "the row comes after `after` in `order`" (PostgreSQL's null order: last ascending, first descending) */
function afterRow<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, order: readonly OrderTerm[], after: E): string {
  const metadata = qb.expressionMap.mainAlias!.metadata;
  const bound = (term: OrderTerm): string | null => {
    if ((after as Record<string, unknown>)[term.property] === null) return null;
    const column = metadata.findColumnWithPropertyPath(term.property);
    if (!column) throw new Error(`Expected '${term.property}' to be a column of ${metadata.tablePath}`);
    const expression = term.expression.replace(`${qb.alias}.${term.property}`, `k.${column.databaseName}`);
    return `(SELECT ${expression} FROM ${metadata.tablePath} k WHERE k.id = :keyset_after)`;
  };
  const equal = (term: OrderTerm, b: string | null) => (b === null ? `${term.expression} IS NULL` : `${term.expression} = ${b}`);
  const beyond = (term: OrderTerm, b: string | null) => {
    if (term.descending) return b === null ? `${term.expression} IS NOT NULL` : `${term.expression} < ${b}`;
    return b === null ? 'FALSE' : `(${term.expression} > ${b} OR ${term.expression} IS NULL)`;
  };
  const bounds = order.map(bound);
  const alternatives = order.map((term, i) => [...order.slice(0, i).map((t, j) => equal(t, bounds[j]!)), beyond(term, bounds[i]!)].join(' AND '));
  return `(${alternatives.map((a) => `(${a})`).join(' OR ')})`;
}

function orderTerms(alias: string, paging: Pick<Paging, 'sort'>, spec: SortSpec, options: PageOptions): OrderTerm[] {
  const requested = terms(paging, spec).map((term): OrderTerm => {
    const descending = term.startsWith('-');
    const name = term.replace(/^[-+]/, '');
    const property = ownEntry(spec.sortable, name);
    if (!property) {
      throw new CrmInvalidRequestError(`Invalid query parameter 'sort': cannot sort by '${name}', expected one of ${Object.keys(spec.sortable).join(', ')}`);
    }
    // PostgreSQL's default null order (last ascending, first descending) lets a btree index serve ORDER BY ... LIMIT
    const expression = property === options.prefixFiltered ? `${alias}.${property} || ''` : `${alias}.${property}`;
    return { property, expression, descending };
  });
  return [...requested, { property: 'id', expression: `${alias}.id`, descending: requested.at(-1)?.descending ?? false }];
}

function orderBy<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, order: readonly OrderTerm[]): void {
  for (const term of order) qb.addOrderBy(term.expression, term.descending ? 'DESC' : 'ASC');
}

function terms(paging: Pick<Paging, 'sort'>, spec: SortSpec): string[] {
  return (paging.sort ?? spec.defaultSort).split(',').map((t) => t.trim()).filter(Boolean);
}

/** query-string values: booleans, numbers, dates, ids and enums as text (a list's parameters: list-filters.ts) */
export const q = {
  bool: () => z.enum(['true', 'false'], { message: 'expected true or false' }).transform((v) => v === 'true').optional(),
  number: () => z.coerce.number({ message: 'expected a number' }).optional(),
  date: () => instant('an ISO 8601 date').optional(),
  id: () => z.guid({ message: 'expected an id (UUID)' }).optional(),
  text: () => z.string().min(1).max(200).optional(),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `expected one of ${values.join(', ')}` }).optional(),
};
