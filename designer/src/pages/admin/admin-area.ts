import { html } from '../../app/html';
import { linkTo, type Route } from '../../app/router';
import type { SessionUser } from '../../app/session';
import { ApiKeysPage } from './api-keys-page';
import { TeamsPage } from './teams-page';
import { UsersPage } from './users-page';

const TABS = [['/admin', 'Users'], ['/admin/teams', 'Teams'], ['/admin/api-keys', 'API keys']] as const;

/** Admins: who may sign in and with which role, the teams, and the API keys of workers and integrations. */
export function AdminArea({ route, user }: { route: Route; user: SessionUser }) {
  const page = route.path === '/admin/teams' ? html`<${TeamsPage} query=${route.query} />`
    : route.path === '/admin/api-keys' ? html`<${ApiKeysPage} />`
    : html`<${UsersPage} query=${route.query} me=${user} />`;
  return html`<div class="admin">
    <nav class="tabs">${TABS.map(([path, label]) => html`<a href=${path} class=${route.path === path ? 'active' : ''} onClick=${linkTo(path)}>${label}</a>`)}</nav>
    ${page}
  </div>`;
}
