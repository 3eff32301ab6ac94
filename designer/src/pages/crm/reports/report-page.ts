import { html } from '../../../app/html';
import { href, linkTo, type Route } from '../../../app/router';
import type { SessionUser } from '../../../app/session';
import type { ReportParams } from '../../../api/reports';
import { ErrorNote, useLoad } from '../../../components/common';
import { downloadCsv, csvOf } from './report-csv';
import { ReportChart, type ChartSpec } from './report-chart';
import { FilterBar, useChoices, type Choices } from './report-filters';
import { apiParams, filtersOf, sharedQuery, type FilterName, type ReportFilters } from './report-query';
import { ReportTableView, type ReportTable } from './report-table';

export interface ReportView {
  readonly chart: ChartSpec;
  /** what the chart shows, for screen readers (its aria-label) */
  readonly chartLabel: string;
  readonly table: ReportTable;
  readonly note?: string;
}

/** One report page: its path segment, the filters it takes, how it loads and how it shows the answer. */
export interface ReportDefinition<T> {
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly filters: readonly FilterName[];
  readonly load: (params: ReportParams) => Promise<T>;
  readonly view: (data: T, filters: ReportFilters, choices: Choices) => ReportView;
}

/** a report of any answer type, for the list of them */
export type AnyReport = ReportDefinition<any>;

/** the CSV's file name: the report and its period */
function fileName(slug: string, filters: ReportFilters): string {
  return `${[slug, filters.from && `from-${filters.from}`, filters.to && `to-${filters.to}`, filters.bucket && `per-${filters.bucket}`].filter(Boolean).join('-')}.csv`;
}

/** A report: the links to the others, its filters (in the URL), the chart with its numbers beside it, and the CSV of those numbers. */
export function ReportPage<T>({ report, reports, route, user }: { report: ReportDefinition<T>; reports: readonly AnyReport[]; route: Route; user: SessionUser }) {
  const filters = filtersOf(route.query);
  const params = apiParams(filters, report.filters);
  const { choices, error: choicesError } = useChoices(user);
  const answer = useLoad(() => report.load(params), [report.slug, JSON.stringify(params)]);
  const view = answer.data ? report.view(answer.data, filters, choices) : null;
  const links = reports.map((r) => {
    const to = href(`/crm/reports/${r.slug}`, sharedQuery(filters));
    return html`<a href=${to} onClick=${linkTo(to)} class=${r.slug === report.slug ? 'active' : ''} aria-current=${r.slug === report.slug ? 'page' : undefined}>${r.title}</a>`;
  });
  return html`<section class="panel report" data-testid=${`report-${report.slug}`}>
    <nav class="tabs report-tabs" aria-label="Reports">${links}</nav>
    <header class="panel-header">
      <div><h2>${report.title}</h2><p class="muted small">${report.summary}</p></div>
      <button type="button" data-testid="download-csv" disabled=${!view} onClick=${() => view && downloadCsv(fileName(report.slug, filters), csvOf(view.table))}>Download CSV</button>
    </header>
    <${FilterBar} filters=${filters} used=${report.filters} choices=${choices} />
    <${ErrorNote} error=${answer.error ?? choicesError} />
    ${answer.loading && !view && html`<p class="muted">Loading…</p>`}
    ${view && html`<div class=${view.table.columns.length > 4 ? 'report-body wide' : 'report-body'} aria-busy=${answer.loading ? 'true' : 'false'} data-testid="report-body" data-loading=${answer.loading ? 'true' : 'false'}>
      <${ReportChart} spec=${view.chart} label=${view.chartLabel} />
      <div class="report-numbers">
        <${ReportTableView} table=${view.table} />
        ${view.note && html`<p class="muted small" data-testid="report-note">${view.note}</p>`}
      </div>
    </div>`}
  </section>`;
}
