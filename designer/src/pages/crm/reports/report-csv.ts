import type { Cell, ReportTable } from './report-table';

/** a spreadsheet would run text starting with these as a formula */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV (RFC 4180, CRLF): a header line, the rows, the total; numbers unformatted. */
export function csvOf(table: ReportTable): string {
  const lines = [table.columns.map((c) => c.title), ...table.rows, ...(table.total ? [table.total] : [])];
  return `${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** saves the text as a file through a temporary link (made in the browser: no second request) */
export function downloadCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
