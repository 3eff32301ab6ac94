import { reports, type SalesFunnel } from '../../../api/reports';
import type { ReportDefinition, ReportView } from './report-page';
import type { ReportFilters } from './report-query';
import { periodLabel, sum, wordsOf } from './report-labels';
import type { Cell } from './report-table';

function currenciesOf(funnel: SalesFunnel): string[] {
  return [...new Set(funnel.stages.flatMap((s) => Object.keys(s.amountByCurrency)))].sort();
}

/** per stage over the whole period: deals on the left scale, amounts per currency on the right */
function wholePeriod(funnel: SalesFunnel): ReportView {
  const currencies = currenciesOf(funnel);
  const amounts = (byCurrency: Readonly<Record<string, number>>) => currencies.map((c) => byCurrency[c] ?? 0);
  return {
    chart: {
      labels: funnel.stages.map((s) => wordsOf(s.stage)),
      series: [
        { label: 'Deals', data: funnel.stages.map((s) => s.count) },
        ...currencies.map((c) => ({ label: `Amount (${c})`, data: funnel.stages.map((s) => s.amountByCurrency[c] ?? 0), secondAxis: true })),
      ],
      valueAxis: 'Deals',
      ...(currencies.length > 0 ? { secondAxis: 'Amount' } : {}),
    },
    chartLabel: `Bar chart of deals and their amount per stage, ${funnel.stages.map((s) => `${wordsOf(s.stage)} ${s.count}`).join(', ')}; the table has the numbers`,
    table: {
      caption: 'Deals and amount per stage',
      columns: [{ title: 'Stage' }, { title: 'Deals', numeric: true }, ...currencies.map((c) => ({ title: `Amount ${c}`, numeric: true }))],
      rows: funnel.stages.map((s) => [wordsOf(s.stage), s.count, ...amounts(s.amountByCurrency)]),
      total: ['Total', sum(funnel.stages.map((s) => s.count)), ...currencies.map((c) => sum(funnel.stages.map((s) => s.amountByCurrency[c] ?? 0)))],
    },
  };
}

/** per period: the deals of each stage stacked; the table has a line per period and stage with deals */
function perPeriod(funnel: SalesFunnel, filters: ReportFilters): ReportView {
  const currencies = currenciesOf(funnel);
  const periods = [...new Set(funnel.rows.map((r) => periodLabel(r.periodStart, filters.bucket)))];
  const stages = funnel.stages.map((s) => s.stage);
  const rowsOf = (period: string, stage: string) => funnel.rows.filter((r) => periodLabel(r.periodStart, filters.bucket) === period && r.stage === stage);
  const lines: Cell[][] = periods.flatMap((period) =>
    stages.flatMap((stage) => {
      const rows = rowsOf(period, stage);
      return rows.length === 0 ? [] : [[period, wordsOf(stage), sum(rows.map((r) => r.count)), ...currencies.map((c) => sum(rows.filter((r) => r.currency === c).map((r) => r.amount)))]];
    }),
  );
  return {
    chart: {
      labels: periods,
      series: stages.map((stage) => ({ label: wordsOf(stage), data: periods.map((p) => sum(rowsOf(p, stage).map((r) => r.count))) })),
      stacked: true,
      valueAxis: 'Deals',
    },
    chartLabel: `Stacked bar chart of deals per ${filters.bucket} and stage over ${periods.length} periods; the table has the numbers`,
    table: {
      caption: `Deals and amount per ${filters.bucket} and stage`,
      columns: [{ title: 'Period' }, { title: 'Stage' }, { title: 'Deals', numeric: true }, ...currencies.map((c) => ({ title: `Amount ${c}`, numeric: true }))],
      rows: lines,
      total: ['Total', null, sum(funnel.stages.map((s) => s.count)), ...currencies.map((c) => sum(funnel.stages.map((s) => s.amountByCurrency[c] ?? 0)))],
    },
  };
}

export const FUNNEL_REPORT: ReportDefinition<SalesFunnel> = {
  slug: 'funnel',
  title: 'Sales funnel',
  summary: 'Deals created in the period, by the stage they are in now: how many and their amount.',
  filters: ['period', 'owner', 'team', 'bucket'],
  load: reports.salesFunnel,
  view: (funnel, filters) => (filters.bucket ? perPeriod(funnel, filters) : wholePeriod(funnel)),
};
