import { useEffect } from 'preact/hooks';
import { html } from './html';
import { href, linkTo, navigate, useRoute } from './router';
import { areasOf, currentUser, homeOf, signOut, titleOf, type Area } from './session';
import { LoginPage } from '../pages/login';
import { DesignerArea } from '../pages/designer/designer-area';
import { TasklistArea } from '../pages/tasklist/tasklist-area';
import { CockpitArea } from '../pages/cockpit/cockpit-area';

const AREA_LABELS: Record<Area, string> = { designer: 'Designer', tasklist: 'Tasklist', cockpit: 'Cockpit' };

/** The shell: role-aware navigation and the page of the current route. */
export function App() {
  const route = useRoute();
  const user = currentUser();
  const area = route.path.split('/')[1] as Area | '';
  const redirect = route.path === '/login' ? null : !user ? href('/login', { next: `${window.location.pathname}${window.location.search}` }) : !area ? homeOf(user) : null;
  // after the first render: the router's listener is only there once effects ran
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);
  if (route.path === '/login') return html`<${LoginPage} />`;
  if (!user || redirect) return null;
  const areas = areasOf(user);
  const allowed = areas.includes(area as Area);
  return html`<div class="shell">
    <nav class="topbar" aria-label="Main">
      <a class="brand" href=${homeOf(user)} onClick=${linkTo(homeOf(user))}>CRM processes</a>
      ${areas.map((a) => html`<a class=${a === area ? 'active' : ''} href=${`/${a}`} onClick=${linkTo(`/${a}`)}>${AREA_LABELS[a]}</a>`)}
      <span class="spacer"></span>
      <span class="user" data-testid="current-user">${user.name} · ${titleOf(user)}</span>
      <button type="button" class="link" onClick=${() => void signOut().then(() => navigate('/login'))}>Sign out</button>
    </nav>
    <main class="content">
      ${!allowed
        ? html`<p class="error" role="alert">${user.name} (${user.role}) has no access to ${area}. <a href=${homeOf(user)} onClick=${linkTo(homeOf(user))}>Go to your start page</a></p>`
        : area === 'designer'
          ? html`<${DesignerArea} route=${route} />`
          : area === 'tasklist'
            ? html`<${TasklistArea} route=${route} user=${user} />`
            : area === 'cockpit'
              ? html`<${CockpitArea} route=${route} />`
              : html`<p>Page not found</p>`}
    </main>
  </div>`;
}
