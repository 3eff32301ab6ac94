import { html } from '../../../app/html';
import type { SessionUser } from '../../../app/session';
import type { CrmPage } from '../crm-page';
import { COMPLAINTS_REPORT } from './complaints-report';
import { FUNNEL_REPORT } from './funnel-report';
import { OPEN_TASKS_REPORT } from './open-tasks-report';
import { ReportPage, type AnyReport } from './report-page';
import { SLA_REPORT } from './sla-report';
import './reports.css';

const REPORTS: readonly AnyReport[] = [FUNNEL_REPORT, COMPLAINTS_REPORT, SLA_REPORT, OPEN_TASKS_REPORT];

/** the roles with the server's permission `crm.reports` (crm-domain/auth/roles.ts): not ops, analysts */
const REPORT_ROLES = ['manager', 'head', 'director', 'admin'];
const readsReports = (user: SessionUser) => REPORT_ROLES.includes(user.role);

/** The workspace's pages for the reports as charts: /crm/reports (the funnel), /crm/reports/{funnel,complaints,sla,open-tasks}. */
export const REPORTS_PAGES: readonly CrmPage[] = [
  {
    matches: (segments) => segments[0] === 'reports' && segments.length <= 2,
    render: ({ route, user, segments }) => {
      if (!readsReports(user)) return html`<p class="error" role="alert">Reports are for managers, heads, directors and admins.</p>`;
      const report = REPORTS.find((r) => r.slug === (segments[1] ?? FUNNEL_REPORT.slug));
      if (!report) return html`<p class="error" role="alert">There is no report ${segments[1]}.</p>`;
      return html`<${ReportPage} key=${report.slug} report=${report} reports=${REPORTS} route=${route} user=${user} />`;
    },
    tab: { path: '/crm/reports', label: 'Reports', order: 80, visible: readsReports },
  },
];
