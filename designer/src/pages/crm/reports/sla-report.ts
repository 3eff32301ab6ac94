import { reports, type SlaCompliance } from '../../../api/reports';
import type { ReportDefinition } from './report-page';
import { sum, wordsOf } from './report-labels';

export const SLA_REPORT: ReportDefinition<SlaCompliance> = {
  slug: 'sla',
  title: 'SLA compliance',
  summary: 'Complaints registered in the period, per priority: resolved in time (met), late or still open past their due time (breached), open in time (pending).',
  filters: ['period', 'owner', 'team'],
  load: reports.slaCompliance,
  view: (sla) => {
    const p = sla.byPriority;
    return {
      chart: {
        labels: p.map((x) => wordsOf(x.priority)),
        series: [
          { label: 'Met', data: p.map((x) => x.met), color: '#16a34a' },
          { label: 'Breached', data: p.map((x) => x.breached), color: '#dc2626' },
          { label: 'Pending', data: p.map((x) => x.pending), color: '#f59e0b' },
        ],
        stacked: true,
        valueAxis: 'Complaints',
      },
      chartLabel: `Stacked bar chart of complaints met, breached and pending per priority; overall compliance ${sla.overall.compliancePercent ?? 'not known yet'}${sla.overall.compliancePercent === null ? '' : ' %'}; the table has the numbers`,
      table: {
        caption: 'SLA compliance per priority',
        columns: [
          { title: 'Priority' }, { title: 'Total', numeric: true }, { title: 'Met', numeric: true }, { title: 'Breached', numeric: true },
          { title: 'Pending', numeric: true }, { title: 'Escalated', numeric: true }, { title: 'Compliance %', numeric: true },
        ],
        rows: p.map((x) => [wordsOf(x.priority), x.total, x.met, x.breached, x.pending, x.escalated, x.compliancePercent]),
        total: ['All', sum(p.map((x) => x.total)), sla.overall.met, sla.overall.breached, sum(p.map((x) => x.pending)), sum(p.map((x) => x.escalated)), sla.overall.compliancePercent],
      },
      note: 'Compliance is met ÷ (met + breached); pending complaints are not counted yet.',
    };
  },
};
