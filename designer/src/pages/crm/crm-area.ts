import { html } from '../../app/html';
import { linkTo, type Route } from '../../app/router';
import type { SessionUser } from '../../app/session';
import type { CrmPage } from './crm-page';
import { DUPLICATES_PAGES } from './duplicates/routes';
import { IMPORT_PAGES } from './import/routes';
import { RECORDS_PAGES } from './records/routes';
import { REPORTS_PAGES } from './reports/routes';
import { WORK_PAGES } from './work/routes';

const PAGES: readonly CrmPage[] = [...WORK_PAGES, ...RECORDS_PAGES, ...REPORTS_PAGES, ...IMPORT_PAGES, ...DUPLICATES_PAGES];

/** The CRM workspace: the clients and their whole history, the pipeline, the complaints desk, reports, import. */
export function CrmArea({ route, user }: { route: Route; user: SessionUser }) {
  const segments = route.path.split('/').slice(2).filter(Boolean).map(decodeURIComponent);
  const page = PAGES.find((p) => p.matches(segments));
  const tabs = PAGES.flatMap((p) => (p.tab && (p.tab.visible?.(user) ?? true) ? [p.tab] : [])).sort((a, b) => a.order - b.order);
  const current = `/crm${segments.length > 0 ? `/${segments[0]}` : ''}`;
  return html`<div class="crm">
    <nav class="tabs" aria-label="CRM">${tabs.map((t) => html`<a href=${t.path} class=${t.path === current ? 'active' : ''} onClick=${linkTo(t.path)}>${t.label}</a>`)}</nav>
    ${page ? page.render({ route, user, segments }) : html`<p class="error" role="alert">There is no page ${route.path}.</p>`}
  </div>`;
}
