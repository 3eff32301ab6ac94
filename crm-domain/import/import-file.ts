import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';
import { checkUnzippedSize, DEFAULT_UNZIP_LIMITS, type UnzipLimits } from './unzipped-size.js';

export type ImportFormat = 'csv' | 'xlsx';

/** an uploaded table: its header row and its data rows, every cell as trimmed text */
export interface ImportTable {
  readonly format: ImportFormat;
  readonly headers: string[];
  readonly rows: string[][];
  /**
   * each data row's number in the file, as a spreadsheet shows it: blank rows count (and are not
   * imported); in a CSV a line break inside quotes does not start a row
   */
  readonly rowNumbers: number[];
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** an XLSX file is a ZIP archive; anything else is read as CSV text */
export function formatOf(content: Buffer): ImportFormat {
  return content.subarray(0, 4).equals(ZIP_SIGNATURE) ? 'xlsx' : 'csv';
}

/** reads a CSV (UTF-8, BOM or not; comma, semicolon or tab separated) or the first sheet of an XLSX file */
export async function readImportTable(content: Buffer, maxRows: number, unzipLimits: UnzipLimits = DEFAULT_UNZIP_LIMITS): Promise<ImportTable> {
  const format = formatOf(content);
  const all = format === 'xlsx' ? await readXlsx(content, unzipLimits) : readCsv(content);
  const [header, ...numbered] = all.flatMap((cells, index) => (cells.some((cell) => cell !== '') ? [{ cells, rowNumber: index + 1 }] : []));
  const headers = header?.cells;
  const rows = numbered.map((row) => row.cells);
  if (!headers) throw new CrmInvalidRequestError('Invalid import file: it has no header row');
  if (rows.length === 0) throw new CrmInvalidRequestError('Invalid import file: it has a header row but no data rows');
  if (rows.length > maxRows) throw new CrmInvalidRequestError(`Invalid import file: at most ${maxRows} data rows are accepted, but it has ${rows.length}`);
  const named = headers.map((header, index) => withoutNul(header) || `Column ${index + 1}`);
  return { format, headers: named, rows: rows.map((row) => named.map((_, index) => withoutNul(row[index] ?? ''))), rowNumbers: numbered.map((row) => row.rowNumber) };
}

/** every record of the file, empty lines too (as one empty cell), so that an index is a row number less one */
export function readCsv(content: Buffer): string[][] {
  const text = content.toString('utf8');
  try {
    return parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (error) {
    throw new CrmInvalidRequestError(`Invalid import file: the CSV cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * The separator of the header line, outside quotes: a semicolon or a tab when there are more of
 * them than commas (spreadsheets in locales with a decimal comma save CSV with semicolons).
 */
export function delimiterOf(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text.slice(0, 64 * 1024)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char]! += 1;
  }
  const [best, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return count > 0 ? best : ',';
}

async function readXlsx(content: Buffer, unzipLimits: UnzipLimits): Promise<string[][]> {
  checkUnzippedSize(content, unzipLimits);
  let data: unknown[][];
  try {
    data = (await readSheet(content)) as unknown[][];
  } catch (error) {
    throw new CrmInvalidRequestError(`Invalid import file: the XLSX file cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  return data.map((row) => row.map(cellText));
}

/** a spreadsheet's cell as the text a CSV would hold: dates as YYYY-MM-DD, numbers as written */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** PostgreSQL text cannot hold NUL characters: they are dropped */
function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}
