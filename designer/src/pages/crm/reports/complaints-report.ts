import { reports, type ComplaintsByType } from '../../../api/reports';
import type { ReportDefinition } from './report-page';
import { periodLabel, sum, wordsOf } from './report-labels';

const managerName = (row: ComplaintsByType['rows'][number]) => row.manager?.name ?? 'Unassigned';

export const COMPLAINTS_REPORT: ReportDefinition<ComplaintsByType> = {
  slug: 'complaints',
  title: 'Complaints by type',
  summary: 'Complaints registered in the period, per manager (the assignee) and type.',
  filters: ['period', 'owner', 'team', 'bucket'],
  load: reports.complaintsByType,
  view: (answer, filters) => {
    const bucket = filters.bucket;
    const groupOf = (row: ComplaintsByType['rows'][number]) => (bucket ? `${periodLabel(row.periodStart, bucket)} · ${managerName(row)}` : managerName(row));
    const groups = [...new Set(answer.rows.map(groupOf))];
    const types = [...new Set(answer.rows.map((r) => r.type))].sort();
    return {
      chart: {
        labels: groups,
        series: types.map((type) => ({ label: wordsOf(type), data: groups.map((g) => sum(answer.rows.filter((r) => groupOf(r) === g && r.type === type).map((r) => r.count))) })),
        stacked: true,
        horizontal: true,
        valueAxis: 'Complaints',
      },
      chartLabel: `Stacked bar chart of complaints per ${bucket ? `${bucket} and ` : ''}manager, one colour per type; the table has the numbers`,
      table: {
        caption: `Complaints per ${bucket ? `${bucket}, ` : ''}manager and type`,
        columns: [...(bucket ? [{ title: 'Period' }] : []), { title: 'Manager' }, { title: 'Type' }, { title: 'Complaints', numeric: true }],
        rows: answer.rows.map((r) => [...(bucket ? [periodLabel(r.periodStart, bucket)] : []), managerName(r), wordsOf(r.type), r.count]),
        total: [...(bucket ? ['Total'] : []), bucket ? null : 'Total', null, sum(answer.rows.map((r) => r.count))],
      },
    };
  },
};
