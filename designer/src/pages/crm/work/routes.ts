import { html } from '../../../app/html';
import type { SessionUser } from '../../../app/session';
import type { CrmPage } from '../crm-page';
import { ComplaintsDesk } from './complaints-desk';
import { MyDay } from './my-day';
import { PipelineBoard } from './pipeline-board';
import './work.css';

/** my day is the desk of those who own records and tasks */
const ownsWork = (user: SessionUser) => ['manager', 'head', 'director'].includes(user.role);

/** The workspace's pages for my day, the pipeline board and the complaints desk. */
export const WORK_PAGES: readonly CrmPage[] = [
  {
    matches: (segments) => segments.length === 0,
    render: ({ user }) => (ownsWork(user)
      ? html`<${MyDay} user=${user} />`
      : html`<p class="muted" data-testid="my-day-none">My day gathers the tasks, activities, leads and complaints of managers, heads and directors; pick a tab above.</p>`),
    tab: { path: '/crm', label: 'My day', order: 0, visible: ownsWork },
  },
  {
    matches: (segments) => segments.length === 1 && segments[0] === 'pipeline',
    render: ({ route }) => html`<${PipelineBoard} route=${route} />`,
    tab: { path: '/crm/pipeline', label: 'Pipeline', order: 45 },
  },
  {
    matches: (segments) => segments.length === 1 && segments[0] === 'desk',
    render: ({ route, user }) => html`<${ComplaintsDesk} route=${route} user=${user} />`,
    tab: { path: '/crm/desk', label: 'Complaints desk', order: 55 },
  },
];
