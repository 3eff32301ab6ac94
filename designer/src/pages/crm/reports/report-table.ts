import { html } from '../../../app/html';

export type Cell = string | number | null;

/** A report's numbers: what the table shows and the CSV holds (the same rows, so they cannot disagree). */
export interface ReportTable {
  readonly caption: string;
  readonly columns: readonly { readonly title: string; readonly numeric?: boolean }[];
  readonly rows: readonly (readonly Cell[])[];
  /** a last row of totals */
  readonly total?: readonly Cell[];
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function cell(value: Cell, numeric: boolean) {
  if (value === null) return html`<td class=${numeric ? 'num' : ''}><span class="muted">—</span></td>`;
  return numeric && typeof value === 'number'
    ? html`<td class="num" data-value=${value}>${numberFormat.format(value)}</td>`
    : html`<td>${value}</td>`;
}

/** The table beside a chart: its accessible form, with the raw numbers in `data-value` for checks. */
export function ReportTableView({ table }: { table: ReportTable }) {
  const row = (values: readonly Cell[]) => table.columns.map((c, i) => cell(values[i] ?? null, !!c.numeric));
  return html`<table class="report-table" data-testid="report-table">
    <caption>${table.caption}</caption>
    <thead><tr>${table.columns.map((c) => html`<th scope="col" class=${c.numeric ? 'num' : ''}>${c.title}</th>`)}</tr></thead>
    <tbody>${table.rows.map((values) => html`<tr>${row(values)}</tr>`)}</tbody>
    ${table.total && html`<tfoot><tr class="report-total">${row(table.total)}</tr></tfoot>`}
  </table>
  ${table.rows.length === 0 && html`<p class="muted" data-testid="report-empty">Nothing in this period.</p>`}`;
}
