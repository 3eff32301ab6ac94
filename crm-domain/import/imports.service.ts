import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RecordViewer } from '../access/record-viewer.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';
import { returnedRows } from '../shared/sql-rows.js';
import { parseInput } from '../shared/validation.js';
import { batchesOfImporter, batchOfImporter, insertRows, publicBatch, rowsAfter, type ImportBatch, type StoredBatch } from './import-batches.js';
import { IMPORT_FIELDS, IMPORT_FIELD_NAMES, REQUIRED_FIELDS, parseMapping, suggestMapping, type ColumnMapping } from './import-columns.js';
import { IMPORT_DUPLICATE_CHECK, type ImportDuplicateCheck } from './import-duplicate-check.js';
import { readImportTable } from './import-file.js';
import { ImportRowChecker, type DuplicatePolicy } from './import-row-checker.js';
import { ImportRunner } from './import-runner.js';

const settingsBody = z.strictObject({
  mapping: z.unknown(),
  duplicatePolicy: z.enum(['skip', 'import'], { message: 'expected one of skip, import' }).default('skip'),
});

/** at most this many row errors are listed by a dry run (the counts cover every row) */
const DRY_RUN_MAX_ERRORS = 1_000;
const DRY_RUN_CHUNK = 2_000;

export interface UploadAnswer {
  readonly batch: ImportBatch;
  /** the import fields with their labels and which a mapping must name */
  readonly fields: { name: string; label: string; required: boolean }[];
  readonly suggestedMapping: ColumnMapping;
  /** the first rows, for the mapping screen */
  readonly preview: string[][];
}

export interface DryRunReport {
  readonly totalRows: number;
  readonly valid: number;
  readonly failed: number;
  readonly duplicates: number;
  /** one entry per problem: the row's number in the file (the header is row 1), its column, what is wrong */
  readonly errors: { row: number; column: string; message: string; duplicate: boolean }[];
  /** more problems than `errors` lists */
  readonly truncated: boolean;
}

/** Upload, mapping, dry run and start of import batches; the importer owns the batch (others get 404). */
@Injectable()
export class ImportsService {
  constructor(
    private readonly db: CrmDatabase,
    @Inject(CRM_OPTIONS) private readonly options: CrmOptions,
    @Inject(IMPORT_DUPLICATE_CHECK) private readonly duplicates: ImportDuplicateCheck,
    private readonly runner: ImportRunner,
  ) {}

  async upload(importer: RecordViewer, fileName: string, content: Buffer): Promise<UploadAnswer> {
    if (content.length === 0) throw new CrmInvalidRequestError('Invalid import file: the request body is empty; send the CSV or XLSX file as the body');
    const table = await readImportTable(content, this.options.importExport.importMaxRows, { maxBytes: this.options.importExport.importXlsxMaxUnpackedBytes, maxRatio: this.options.importExport.importXlsxMaxUnpackRatio });
    const id = randomUUID();
    const suggested = suggestMapping(table.headers);
    await this.db.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO crm.import_batches (id, importer_id, importer, file_name, format, headers, mapping, status, total_rows)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'uploaded', $8)`,
        [id, importer.userId, JSON.stringify(importer), fileName, table.format, JSON.stringify(table.headers), JSON.stringify(suggested), table.rows.length],
      );
      // the header is row 1 of the file: the first data row is row 2, as a spreadsheet numbers it
      await insertRows(manager, id, table.rows.map((cells, index) => ({ rowNumber: table.rowNumbers[index]!, cells })));
    });
    return {
      batch: publicBatch(await batchOfImporter(this.db.dataSource.manager, id, importer.userId)),
      fields: importFields(),
      suggestedMapping: suggested,
      preview: table.rows.slice(0, 5),
    };
  }

  /** the importer's 50 latest batches, and the import fields a mapping can name */
  async list(importer: RecordViewer): Promise<{ fields: UploadAnswer['fields']; items: ImportBatch[] }> {
    return { fields: importFields(), items: (await batchesOfImporter(this.db.dataSource.manager, importer.userId, 50)).map(publicBatch) };
  }

  async get(id: string, importer: RecordViewer): Promise<ImportBatch> {
    return publicBatch(await batchOfImporter(this.db.dataSource.manager, id, importer.userId));
  }

  /** validates every row as the import would, writing nothing but the mapping */
  async dryRun(id: string, importer: RecordViewer, body: unknown): Promise<DryRunReport> {
    const batch = await batchOfImporter(this.db.dataSource.manager, id, importer.userId);
    const { mapping, duplicatePolicy } = this.settingsOf(batch, body);
    await this.db.query(`UPDATE crm.import_batches SET mapping = $2, duplicate_policy = $3 WHERE id = $1 AND status = 'uploaded'`, [id, JSON.stringify(mapping), duplicatePolicy]);
    const checker = new ImportRowChecker({ headers: batch.headers, mapping, duplicatePolicy: 'skip', importer }, this.duplicates.begin(importer));
    const report = { totalRows: batch.totalRows, valid: 0, failed: 0, duplicates: 0, errors: [] as DryRunReport['errors'], truncated: false };
    const manager = this.db.dataSource.manager;
    for (let after = 0; ;) {
      const rows = await rowsAfter(manager, id, after, DRY_RUN_CHUNK);
      if (rows.length === 0) break;
      for (const verdict of await checker.check(manager, rows)) {
        if (verdict.outcome === 'valid') {
          report.valid += 1;
          continue;
        }
        if (verdict.outcome === 'failed') report.failed += 1;
        else report.duplicates += 1;
        for (const error of verdict.errors) {
          if (report.errors.length < DRY_RUN_MAX_ERRORS) report.errors.push({ row: verdict.rowNumber, ...error, duplicate: verdict.outcome === 'skipped' });
          else report.truncated = true;
        }
      }
      after = rows.at(-1)!.rowNumber;
    }
    // with "import anyway" the duplicates found are imported: they count as valid
    return duplicatePolicy === 'import' ? { ...report, valid: report.valid + report.duplicates } : report;
  }

  /** queues the batch: a node's ImportRunner takes it (see import-runner.ts) */
  async start(id: string, importer: RecordViewer, body: unknown): Promise<ImportBatch> {
    const batch = await batchOfImporter(this.db.dataSource.manager, id, importer.userId);
    const { mapping, duplicatePolicy } = this.settingsOf(batch, body);
    const started = (await this.db.query(
      // the import acts with the importer's rights as they are when it starts, not as they were at the upload
      `UPDATE crm.import_batches SET status = 'queued', mapping = $2, duplicate_policy = $3, importer = $4 WHERE id = $1 AND status = 'uploaded' RETURNING id`,
      [id, JSON.stringify(mapping), duplicatePolicy, JSON.stringify(importer)],
    ));
    if (returnedRows(started).length === 0) throw new CrmInvalidRequestError(`Import batch '${id}' was started already (it is ${batch.status})`, 'CRM_INVALID_STATE');
    this.runner.poke();
    return this.get(id, importer);
  }

  /** the rows that failed or were skipped, with their original cells, as CSV lines */
  async *problemRows(id: string, importer: RecordViewer): AsyncGenerator<string[]> {
    const batch = await batchOfImporter(this.db.dataSource.manager, id, importer.userId);
    yield ['Row', 'Outcome', 'Errors', ...batch.headers];
    for (let after = 0; ;) {
      const rows = (await this.db.query<{ row_number: number; outcome: string; errors: { column: string; message: string }[] | null; cells: string[] }>(
        `SELECT row_number, outcome, errors, cells FROM crm.import_rows WHERE batch_id = $1 AND outcome IN ('failed', 'skipped') AND row_number > $2 ORDER BY row_number LIMIT 1000`,
        [id, after],
      ));
      if (rows.length === 0) return;
      for (const row of rows) yield [String(row.row_number), row.outcome, (row.errors ?? []).map((e) => `${e.column}: ${e.message}`).join('; '), ...row.cells];
      after = rows.at(-1)!.row_number;
    }
  }

  private settingsOf(batch: StoredBatch, body: unknown): { mapping: ColumnMapping; duplicatePolicy: DuplicatePolicy } {
    const parsed = parseInput(settingsBody, body);
    return { mapping: parseMapping(parsed.mapping ?? batch.mapping, batch.headers), duplicatePolicy: parsed.duplicatePolicy };
  }
}

function importFields(): UploadAnswer['fields'] {
  return IMPORT_FIELD_NAMES.map((name) => ({ name, label: IMPORT_FIELDS[name].label, required: REQUIRED_FIELDS.includes(name) }));
}
