import type { Sql } from './sql.js';

/** each column's SQL type, by `schema.table` and column name, as the catalog has it */
export type ColumnTypes = ReadonlyMap<string, ReadonlyMap<string, string>>;

const COLUMN_TYPES_SQL = `SELECT n.nspname || '.' || c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type"
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'engine' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`;

let cached: Promise<ColumnTypes> | null = null;

/**
 * The engine schema's column types, read once per process (the migrations fix them before the
 * first command): the writer names them in its array parameters (`unnest($1::timestamptz[])`), so
 * that one statement text serves any number of rows.
 */
export function engineColumnTypes(sql: Sql): Promise<ColumnTypes> {
  if (!cached) {
    cached = readColumnTypes(sql);
    cached.catch(() => (cached = null));
  }
  return cached;
}

async function readColumnTypes(sql: Sql): Promise<ColumnTypes> {
  const rows = await sql.read<{ table: string; column: string; type: string }>(COLUMN_TYPES_SQL);
  const types = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const columns = types.get(row.table) ?? new Map<string, string>();
    types.set(row.table, columns);
    columns.set(row.column, row.type);
  }
  return types;
}

export function columnType(types: ColumnTypes, table: string, column: string): string {
  const type = types.get(table)?.get(column);
  if (!type) throw new Error(`Expected column ${table}.${column} in the database, but the catalog does not list it (are the migrations run?)`);
  return type;
}
