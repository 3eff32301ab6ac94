import { html } from '../app/html';
import { navigate } from '../app/router';
import { homeOf, signIn, type DemoUser } from '../app/session';
import { loginUsers } from '../api/crm-users';
import { useLoad } from '../components/common';

/** Until full authentication: pick one of the demo users (the CRM's when it answers). */
export function LoginPage() {
  const list = useLoad(loginUsers, []);
  const choose = (user: DemoUser) => navigate(homeOf(signIn(user)));
  return html`<div class="login">
    <h1>CRM processes</h1>
    <p>Sign in as a demo user. Analysts design processes, managers work on tasks (heads and directors see every open task), ops run the cockpit, admins see everything.</p>
    ${list.data?.source === 'fallback' && html`<p class="muted">The CRM's user list is not available: these are built-in demo users.</p>`}
    <ul class="user-cards" data-testid="login-users">
      ${(list.data?.users ?? []).map(
        (user) => html`<li>
          <button type="button" class="user-card" data-user=${user.id} data-role=${user.role} data-head=${String(user.head)} onClick=${() => choose(user)}>
            <strong>${user.name}</strong>
            <span>${user.title}</span>
            <small>role ${user.role}${user.groups.length ? ` · groups ${user.groups.join(', ')}` : ''}</small>
          </button>
        </li>`,
      )}
    </ul>
  </div>`;
}
