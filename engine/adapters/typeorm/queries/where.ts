import { InvalidRequestError } from '../../../core/errors/index.js';
import type { Filter, ListQuery, Sorting, VariableCondition } from '../../../core/ports/engine-queries.js';
import { ownEntry } from '../../../core/shared/own-entry.js';

/** Builds a parameterised WHERE clause. Column names come only from code, values only as parameters. */
export class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }

  eq(column: string, value: unknown): this {
    this.parts.push(value === null ? `${column} IS NULL` : `${column} = ${this.param(value)}`);
    return this;
  }

  in(column: string, values: readonly unknown[]): this {
    this.parts.push(`${column} = ANY(${this.param(values)}::text[])`);
    return this;
  }

  like(column: string, pattern: string): this {
    this.parts.push(`${column} LIKE ${this.param(pattern)}`);
    return this;
  }

  raw(sql: string): this {
    this.parts.push(sql);
    return this;
  }

  toString(): string {
    return this.parts.length === 0 ? 'TRUE' : this.parts.join(' AND ');
  }
}

export type FilterSpec = Readonly<Record<string, (where: Where, value: never) => void>>;

export function buildWhere(spec: FilterSpec, filter: Filter): Where {
  const where = new Where();
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    const apply = ownEntry(spec, name);
    if (!apply) throw new InvalidRequestError(`Unknown query parameter '${name}'`);
    apply(where, value as never);
  }
  return where;
}

/** ORDER BY from Camunda's sortBy names; unknown names are a client error */
export function orderBy(columns: Readonly<Record<string, string>>, sorting: readonly Sorting[] | undefined, fallback: string): string {
  if (!sorting || sorting.length === 0) return fallback;
  return sorting
    .map((s) => {
      const column = ownEntry(columns, s.sortBy);
      if (!column) throw new InvalidRequestError(`Cannot set query parameter 'sortBy' to value '${s.sortBy}': expected one of ${Object.keys(columns).join(', ')}`);
      return `${column} ${s.sortOrder === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`;
    })
    .concat(fallback)
    .join(', ');
}

/**
 * LIMIT and OFFSET as parameters of the WHERE clause's statement: the statement's text stays the
 * same from page to page, so it is prepared once (a text per offset would use up the prepared names).
 */
export function pagingParams(where: Where, query: ListQuery): string {
  const first = Math.max(0, Math.floor(query.page?.firstResult ?? 0));
  const max = query.page?.maxResults;
  return `${max !== undefined ? ` LIMIT ${where.param(Math.max(0, Math.floor(max)))}` : ''}${first > 0 ? ` OFFSET ${where.param(first)}` : ''}`;
}

export function paging(query: ListQuery): string {
  const first = Math.max(0, Math.floor(query.page?.firstResult ?? 0));
  const max = query.page?.maxResults;
  return `${max !== undefined ? ` LIMIT ${Math.max(0, Math.floor(max))}` : ''}${first > 0 ? ` OFFSET ${first}` : ''}`;
}

/** `name_op_value` variable conditions against the variables of the row's scope column */
export function variableCondition(
  where: Where,
  scopeColumn: string,
  condition: VariableCondition,
  source: { table: string; scope: string } = { table: 'engine.variable', scope: 'scope_id' },
): void {
  const name = where.param(condition.name);
  const operators = { eq: '=', neq: '<>', gt: '>', gteq: '>=', lt: '<', lteq: '<=', like: 'LIKE' } as const;
  const op = ownEntry<string>(operators, condition.operator);
  if (!op) throw new InvalidRequestError(`Unknown variable condition operator '${condition.operator}': expected one of ${Object.keys(operators).join(', ')}`);
  let test: string;
  if (typeof condition.value === 'number') {
    test = `v.type IN ('Integer', 'Long', 'Short', 'Double') AND v.text_value::numeric ${op} ${where.param(condition.value)}::numeric`;
  } else if (typeof condition.value === 'boolean') {
    test = `v.type = 'Boolean' AND v.text_value ${op} ${where.param(String(condition.value))}`;
  } else if (condition.value === null) {
    test = condition.operator === 'neq' ? `v.type <> 'Null'` : `v.type = 'Null'`;
  } else {
    test = `v.text_value ${op} ${where.param(condition.value)}`;
  }
  where.raw(`EXISTS (SELECT 1 FROM ${source.table} v WHERE v.${source.scope} = ${scopeColumn} AND v.name = ${name} AND ${test})`);
}
