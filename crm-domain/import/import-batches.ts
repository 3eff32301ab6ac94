import type { EntityManager } from 'typeorm';
import type { RecordViewer } from '../access/record-viewer.js';
import { CrmNotFoundError } from '../shared/crm-errors.js';
import type { ColumnMapping, RowError } from './import-columns.js';
import type { ImportFormat } from './import-file.js';
import type { DuplicatePolicy, ImportRow } from './import-row-checker.js';

export type BatchStatus = 'uploaded' | 'queued' | 'running' | 'completed' | 'failed';

/** an import batch as the API shows it */
export interface ImportBatch {
  readonly id: string;
  readonly importerId: string;
  readonly fileName: string;
  readonly format: ImportFormat;
  readonly headers: string[];
  readonly mapping: ColumnMapping | null;
  readonly duplicatePolicy: DuplicatePolicy;
  readonly status: BatchStatus;
  readonly totalRows: number;
  readonly rowsImported: number;
  readonly rowsFailed: number;
  readonly rowsSkipped: number;
  /** rows done so far (imported, failed or skipped) */
  readonly rowsDone: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

export interface StoredBatch extends ImportBatch {
  readonly importer: RecordViewer;
  readonly cursorRow: number;
}

export const BATCH_COLUMNS = `id::text AS id, importer_id, importer, file_name, format, headers, mapping, duplicate_policy, status, total_rows, cursor_row,
  rows_imported, rows_failed, rows_skipped, last_error, created_at, started_at, finished_at`;

interface BatchRow {
  id: string; importer_id: string; importer: RecordViewer; file_name: string; format: ImportFormat; headers: string[]; mapping: ColumnMapping | null;
  duplicate_policy: DuplicatePolicy; status: BatchStatus; total_rows: number; cursor_row: number; rows_imported: number; rows_failed: number;
  rows_skipped: number; last_error: string | null; created_at: Date; started_at: Date | null; finished_at: Date | null;
}

export function batchOf(row: BatchRow): StoredBatch {
  return {
    id: row.id, importerId: row.importer_id, importer: row.importer, fileName: row.file_name, format: row.format, headers: row.headers, mapping: row.mapping,
    duplicatePolicy: row.duplicate_policy, status: row.status, totalRows: row.total_rows, cursorRow: row.cursor_row, rowsImported: row.rows_imported,
    rowsFailed: row.rows_failed, rowsSkipped: row.rows_skipped, rowsDone: row.rows_imported + row.rows_failed + row.rows_skipped, lastError: row.last_error,
    createdAt: new Date(row.created_at), startedAt: row.started_at ? new Date(row.started_at) : null, finishedAt: row.finished_at ? new Date(row.finished_at) : null,
  };
}

/** the batch as its importer sees it (without the stored viewer and cursor) */
export function publicBatch(batch: StoredBatch): ImportBatch {
  const { importer: _importer, cursorRow: _cursor, ...shown } = batch;
  return shown;
}

/** the importer's batch; anyone else's answers 404 like an unknown id (the importer owns the batch) */
export async function batchOfImporter(manager: EntityManager, id: string, importerId: string): Promise<StoredBatch> {
  const rows = (await manager.query(`SELECT ${BATCH_COLUMNS} FROM crm.import_batches WHERE id = $1 AND importer_id = $2`, [id, importerId])) as BatchRow[];
  if (!rows[0]) throw new CrmNotFoundError(`Import batch with id '${id}' does not exist`);
  return batchOf(rows[0]);
}

export async function batchesOfImporter(manager: EntityManager, importerId: string, limit: number): Promise<StoredBatch[]> {
  const rows = (await manager.query(`SELECT ${BATCH_COLUMNS} FROM crm.import_batches WHERE importer_id = $1 ORDER BY created_at DESC LIMIT $2`, [importerId, limit])) as BatchRow[];
  return rows.map(batchOf);
}

/** the rows after `afterRow`, in file order */
export async function rowsAfter(manager: EntityManager, batchId: string, afterRow: number, limit: number): Promise<ImportRow[]> {
  const rows = (await manager.query(
    `SELECT row_number, cells FROM crm.import_rows WHERE batch_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3`,
    [batchId, afterRow, limit],
  )) as { row_number: number; cells: string[] }[];
  return rows.map((r) => ({ rowNumber: r.row_number, cells: r.cells }));
}

/** stores uploaded rows, many per statement */
export async function insertRows(manager: EntityManager, batchId: string, rows: readonly ImportRow[]): Promise<void> {
  const CHUNK = 2_000;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK).map((r) => ({ row_number: r.rowNumber, cells: r.cells }));
    await manager.query(
      `INSERT INTO crm.import_rows (batch_id, row_number, cells) SELECT $1, r.row_number, r.cells FROM jsonb_to_recordset($2::jsonb) AS r(row_number integer, cells jsonb)`,
      [batchId, JSON.stringify(chunk)],
    );
  }
}

/** the rows of a chunk that failed or were skipped, and why */
export async function recordOutcomes(manager: EntityManager, batchId: string, outcomes: readonly { rowNumber: number; outcome: 'failed' | 'skipped'; errors: RowError[] }[]): Promise<void> {
  if (outcomes.length === 0) return;
  await manager.query(
    `UPDATE crm.import_rows t SET outcome = r.outcome, errors = r.errors
     FROM jsonb_to_recordset($2::jsonb) AS r(row_number integer, outcome text, errors jsonb)
     WHERE t.batch_id = $1 AND t.row_number = r.row_number`,
    [batchId, JSON.stringify(outcomes.map((o) => ({ row_number: o.rowNumber, outcome: o.outcome, errors: o.errors })))],
  );
}
