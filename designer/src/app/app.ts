import { useEffect } from 'preact/hooks';
import { html } from './html';
import { href, linkTo, navigate, useRoute, type Route } from './router';
import { currentUser, homeOf, safeNext, type Area, type SessionUser } from './session';
import { UserMenu } from './user-menu';
import { LoginPage } from '../pages/login';
import { SetPasswordPage } from '../pages/account/set-password-page';
import { AdminArea } from '../pages/admin/admin-area';
import { DesignerArea } from '../pages/designer/designer-area';
import { TasklistArea } from '../pages/tasklist/tasklist-area';
import { CockpitArea } from '../pages/cockpit/cockpit-area';
import { CrmArea } from '../pages/crm/crm-area';

const AREA_LABELS: Record<Area, string> = { designer: 'Designer', tasklist: 'Tasklist', crm: 'CRM', cockpit: 'Cockpit', admin: 'Admin' };

const isArea = (name: string): name is Area => Object.hasOwn(AREA_LABELS, name);

/** where the route sends the user instead: the login without a session, the start page from `/` or the login with one */
function redirectOf(route: Route, user: SessionUser | null): string | null {
  if (route.path === '/set-password') return null;
  if (route.path === '/login') return user ? safeNext(route.query.get('next'), user) : null;
  if (!user) return href('/login', { next: `${window.location.pathname}${window.location.search}` });
  return route.path === '/' ? homeOf(user) : null;
}

function AreaPage({ area, route, user }: { area: Area; route: Route; user: SessionUser }) {
  switch (area) {
    case 'designer': return html`<${DesignerArea} route=${route} />`;
    case 'tasklist': return html`<${TasklistArea} route=${route} user=${user} />`;
    case 'crm': return html`<${CrmArea} route=${route} user=${user} />`;
    case 'cockpit': return html`<${CockpitArea} route=${route} />`;
    case 'admin': return html`<${AdminArea} route=${route} user=${user} />`;
  }
}

/** The shell: role-aware navigation, the user menu, and the page of the current route. */
export function App() {
  const route = useRoute();
  const user = currentUser();
  const redirect = redirectOf(route, user);
  // after the first render: the router's listener is only there once effects ran
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);
  if (route.path === '/set-password') return html`<${SetPasswordPage} />`;
  if (redirect) return null;
  if (route.path === '/login' || !user) return html`<${LoginPage} />`;
  const area = route.path.split('/')[1] ?? '';
  const home = homeOf(user);
  return html`<div class="shell">
    <nav class="topbar" aria-label="Main">
      <a class="brand" href=${home} onClick=${linkTo(home)}>CRM processes</a>
      ${user.areas.map((a) => html`<a class=${a === area ? 'active' : ''} href=${`/${a}`} onClick=${linkTo(`/${a}`)}>${AREA_LABELS[a]}</a>`)}
      <span class="spacer"></span>
      <${UserMenu} user=${user} />
    </nav>
    <main class="content">
      ${!isArea(area)
        ? html`<p class="error" role="alert">There is no page ${route.path}. <a href=${home} onClick=${linkTo(home)}>Go to your start page</a></p>`
        : !user.areas.includes(area)
          ? html`<p class="error" role="alert">You may not open the ${AREA_LABELS[area]}: it is not part of your role (${user.role}). <a href=${home} onClick=${linkTo(home)}>Go to your start page</a></p>`
          : html`<${AreaPage} area=${area} route=${route} user=${user} />`}
    </main>
  </div>`;
}
