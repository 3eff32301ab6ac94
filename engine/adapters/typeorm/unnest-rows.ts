import { columnType, type ColumnTypes } from './column-types.js';
import { dbValue, type Column, type Table } from './tables/table.js';

/** one column of rows passed as one array parameter */
export interface ColumnValues {
  readonly column: string;
  readonly values: readonly unknown[];
}

export interface UnnestedRows {
  /** `unnest($1::text[], $2::int[]) AS u(c0, c1)` */
  readonly from: string;
  /** each column's value in a row of `u`, of the column's own type */
  readonly value: readonly string[];
  /** each column's parameter (e.g. the ids again for `t.id = ANY(...)`) */
  readonly param: readonly string[];
}

/**
 * Rows of a table as one array parameter per column, read back with `unnest`: the statement's text
 * depends on the columns only, never on how many rows there are, so a joint write of any number of
 * commands is one text (PostgreSQL plans it per execution, knowing the arrays' sizes; sql-writer.ts
 * says why one command's write does not use this). A column of an array type travels as the text
 * of each row's array (an array of arrays is no PostgreSQL array) and is cast back per row.
 */
export function unnestRows(types: ColumnTypes, table: string, columns: readonly ColumnValues[], params: unknown[]): UnnestedRows {
  const value: string[] = [];
  const param: string[] = [];
  columns.forEach(({ column, values }, i) => {
    const type = columnType(types, table, column);
    if (type.endsWith('[]')) {
      param.push(`$${params.push(values.map(arrayText))}::text[]`);
      value.push(`u.c${i}::${type}`);
    } else {
      param.push(`$${params.push(values)}::${type}[]`);
      value.push(`u.c${i}`);
    }
  });
  return { from: `unnest(${param.join(', ')}) AS u(${columns.map((_, i) => `c${i}`).join(', ')})`, value, param };
}

/** `INSERT ... SELECT ... FROM unnest(...)` of whole records; `extras` are columns every row gets the same value of */
export function unnestInsert<R extends { readonly id: string }>(
  types: ColumnTypes,
  table: Table<R>,
  records: readonly R[],
  params: unknown[],
  extras: Readonly<Record<string, unknown>> = {},
): string {
  const rows = unnestRows(types, table.name, valuesOf(table.columns, records), params);
  const extraColumns = Object.entries(extras);
  const extraValues = extraColumns.map(([column, value]) => `$${params.push(value)}::${columnType(types, table.name, column)}`);
  const columns = [...table.columns.map((c) => c.column), ...extraColumns.map(([column]) => column)];
  return `INSERT INTO ${table.name} (${columns.join(', ')}) SELECT ${[...rows.value, ...extraValues].join(', ')} FROM ${rows.from}`;
}

export interface RowUpdate<R> {
  readonly id: string;
  readonly patch: Partial<R>;
}

/**
 * `UPDATE ... FROM unnest(...)` setting the same columns of many rows, each to its own values.
 * `sticky` columns keep their stored value where the row's new one is null. Each id at most once.
 */
export function unnestUpdate<R extends { readonly id: string }>(
  types: ColumnTypes,
  table: Table<R>,
  columns: readonly Column<R>[],
  updates: readonly RowUpdate<R>[],
  params: unknown[],
  sticky: ReadonlySet<string> = new Set(),
): string {
  const rows = unnestRows(
    types,
    table.name,
    [{ column: 'id', values: updates.map((u) => u.id) }, ...columns.map((c) => ({ column: c.column, values: updates.map((u) => dbValue(c, u.patch)) }))],
    params,
  );
  const sets = columns.map((c, i) => {
    const value = rows.value[i + 1]!;
    return `${c.column} = ${sticky.has(c.column) ? `coalesce(${value}, t.${c.column})` : value}`;
  });
  return `UPDATE ${table.name} AS t SET ${sets.join(', ')} FROM ${rows.from} WHERE t.id = ANY(${rows.param[0]}) AND t.id = ${rows.value[0]}`;
}

function valuesOf<R extends { readonly id: string }>(columns: readonly Column<R>[], records: readonly R[]): ColumnValues[] {
  return columns.map((c) => ({ column: c.column, values: records.map((record) => dbValue(c, record)) }));
}

/** a row's array value as PostgreSQL's array text (`{"a","b"}`), or as it came when it is text already */
function arrayText(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) return value;
  return `{${value.map((item) => (item === null || item === undefined ? 'NULL' : `"${String(item).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}
