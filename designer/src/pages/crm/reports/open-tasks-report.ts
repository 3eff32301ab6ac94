import { reports, type OpenTasks } from '../../../api/reports';
import type { ReportDefinition } from './report-page';
import { sum } from './report-labels';

export const OPEN_TASKS_REPORT: ReportDefinition<OpenTasks> = {
  slug: 'open-tasks',
  title: 'Open tasks',
  summary: 'Open work per person now: process tasks assigned to them and CRM tasks they own, and how many are overdue.',
  filters: ['team'],
  load: reports.openTasks,
  view: (answer, _filters, choices) => {
    const teamName = (id: string | null) => (id ? (choices.teams.find((t) => t.id === id)?.name ?? null) : null);
    const rows = answer.rows;
    const overdue = (r: OpenTasks['rows'][number]) => r.overdueProcessTasks + r.overdueCrmTasks;
    return {
      chart: {
        labels: rows.map((r) => r.user.name),
        series: [
          { label: 'On time', data: rows.map((r) => r.total - overdue(r)), color: '#2563eb' },
          { label: 'Overdue', data: rows.map((r) => overdue(r)), color: '#dc2626' },
        ],
        stacked: true,
        horizontal: true,
        valueAxis: 'Open tasks',
      },
      chartLabel: `Stacked bar chart of open tasks per person, on time and overdue, for ${rows.length} people; the table has the numbers`,
      table: {
        caption: 'Open tasks per person',
        columns: [
          { title: 'Person' }, { title: 'Team' }, { title: 'Process tasks', numeric: true }, { title: 'Process overdue', numeric: true },
          { title: 'CRM tasks', numeric: true }, { title: 'CRM overdue', numeric: true }, { title: 'Total', numeric: true },
        ],
        rows: rows.map((r) => [r.user.name, teamName(r.user.teamId), r.processTasks, r.overdueProcessTasks, r.crmTasks, r.overdueCrmTasks, r.total]),
        total: [
          'Total', null, sum(rows.map((r) => r.processTasks)), sum(rows.map((r) => r.overdueProcessTasks)),
          sum(rows.map((r) => r.crmTasks)), sum(rows.map((r) => r.overdueCrmTasks)), sum(rows.map((r) => r.total)),
        ],
      },
      note: `${answer.unassignedProcessTasks} process task${answer.unassignedProcessTasks === 1 ? ' is' : 's are'} not assigned to anyone (offered to groups).`,
    };
  },
};
