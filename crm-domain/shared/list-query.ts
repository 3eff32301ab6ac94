import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { ownEntry } from '../../engine/core/shared/own-entry.js';
import { CrmInvalidRequestError } from './crm-errors.js';

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

/** Orders by the requested fields (id last, for stable pages) and reads one page with the total. */
export async function readPage<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, paging: Paging, spec: SortSpec, options: PageOptions = {}): Promise<PageResult<E>> {
  const alias = qb.alias;
  for (const term of terms(paging, spec)) {
    const descending = term.startsWith('-');
    const name = term.replace(/^[-+]/, '');
    const property = ownEntry(spec.sortable, name);
    if (!property) {
      throw new CrmInvalidRequestError(`Invalid query parameter 'sort': cannot sort by '${name}', expected one of ${Object.keys(spec.sortable).join(', ')}`);
    }
    // PostgreSQL's default null order (last ascending, first descending) lets a btree index serve ORDER BY ... LIMIT
    const column = property === options.prefixFiltered ? `${alias}.${property} || ''` : `${alias}.${property}`;
    qb.addOrderBy(column, descending ? 'DESC' : 'ASC');
  }
  qb.addOrderBy(`${alias}.id`, terms(paging, spec).at(-1)?.startsWith('-') ? 'DESC' : 'ASC');
  qb.offset((paging.page - 1) * paging.pageSize).limit(paging.pageSize);
  const [items, total] = await Promise.all([qb.getMany(), qb.clone().offset(undefined).limit(undefined).orderBy().getCount()]);
  return { items, total, page: paging.page, pageSize: paging.pageSize };
}

function terms(paging: Paging, spec: SortSpec): string[] {
  return (paging.sort ?? spec.defaultSort).split(',').map((t) => t.trim()).filter(Boolean);
}

/** query-string values: booleans, numbers, dates, ids and enums as text (a list's parameters: list-filters.ts) */
export const q = {
  bool: () => z.enum(['true', 'false'], { message: 'expected true or false' }).transform((v) => v === 'true').optional(),
  number: () => z.coerce.number({ message: 'expected a number' }).optional(),
  date: () => z.coerce.date({ message: 'expected an ISO 8601 date' }).optional(),
  id: () => z.guid({ message: 'expected an id (UUID)' }).optional(),
  text: () => z.string().min(1).max(200).optional(),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `expected one of ${values.join(', ')}` }).optional(),
};
