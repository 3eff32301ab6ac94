/**
 * How one record type maps to one table: each field's column and conversions. Rows may come from
 * a plain SELECT (Dates as Date) or from json_agg (Dates as ISO strings): readers accept both.
 */
export interface Column<R, K extends keyof R = keyof R> {
  readonly field: K;
  readonly column: string;
  readonly toDb?: (value: R[K]) => unknown;
  readonly fromDb?: (value: unknown) => R[K];
  /** a field stored in several columns: read from the whole row (once), written per column */
  readonly fromRow?: (row: Record<string, unknown>) => R[K];
  /** another column of a multi-column field: written, not read */
  readonly writeOnly?: boolean;
}

export interface Table<R extends { readonly id: string }> {
  readonly name: string;
  readonly columns: readonly Column<R>[];
}

export function col<R, K extends keyof R>(field: K, column: string, toDb?: (value: R[K]) => unknown, fromDb?: (value: unknown) => R[K]): Column<R> {
  return { field, column, toDb, fromDb } as unknown as Column<R>;
}

export function readRow<R extends { readonly id: string }>(table: Table<R>, row: Record<string, unknown>): R {
  const out: Record<string, unknown> = {};
  for (const c of table.columns) {
    if (c.writeOnly) continue;
    if (c.fromRow) {
      out[c.field as string] = c.fromRow(row);
      continue;
    }
    const raw = row[c.column];
    out[c.field as string] = c.fromDb ? c.fromDb(raw) : raw === undefined ? null : raw;
  }
  return out as R;
}

export function dbValue<R extends { readonly id: string }>(c: Column<R>, record: Partial<R>): unknown {
  const value = record[c.field];
  return c.toDb ? c.toDb(value as never) : value === undefined ? null : value;
}

/**
 * `INSERT ... VALUES (...), (...)` for many records at once. Its values are appended to `params`
 * (numbered after those already there), so several statements can share one parameter list.
 */
export function insertStatement<R extends { readonly id: string }>(
  table: Table<R>,
  records: readonly R[],
  extraColumns: Readonly<Record<string, unknown>> = {},
  params: unknown[] = [],
): { sql: string; params: unknown[] } {
  const extras = Object.entries(extraColumns);
  const rows = records.map((record) => {
    const values = table.columns.map((c) => `$${params.push(dbValue(c, record))}`);
    for (const [, value] of extras) values.push(`$${params.push(value)}`);
    return `(${values.join(', ')})`;
  });
  const columns = [...table.columns.map((c) => c.column), ...extras.map(([column]) => column)];
  return { sql: `INSERT INTO ${table.name} (${columns.join(', ')}) VALUES ${rows.join(', ')}`, params };
}

export const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
export const optionalDate = (value: unknown): Date | null => (value === null || value === undefined ? null : date(value));
export const json = (value: unknown): string => JSON.stringify(value);
export const parsedJson = <T>(fallback: T) => (value: unknown): T => {
  if (value === null || value === undefined) return fallback;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
};
export const number = (value: unknown): number => Number(value);
export const optionalNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
export const textArray = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.startsWith('{')) return value.slice(1, -1).split(',').filter(Boolean).map((s) => s.replace(/^"|"$/g, ''));
  return [];
};
