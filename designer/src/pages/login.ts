import { useState } from 'preact/hooks';
import { html } from '../app/html';
import { navigate, useRoute } from '../app/router';
import { homeOf, signIn, signInChoices, titleOf, type SessionUser } from '../app/session';
import { ErrorNote, errorText, useLoad } from '../components/common';

/** what the login card says the user does (the journeys sign in by it) */
function workOf(user: SessionUser): 'admin' | 'analyst' | 'ops' | 'manager' {
  return user.role === 'admin' || user.role === 'analyst' || user.role === 'ops' ? user.role : 'manager';
}

/** only a path inside the app may be the way back after signing in */
function safeNext(next: string | null, user: SessionUser): string {
  const area = next?.split('/')[1] ?? '';
  return next && next.startsWith('/') && !next.startsWith('//') && user.areas.some((a) => a === area) ? next : homeOf(user);
}

/** Until full authentication: pick one of the CRM's active users; the server opens a session. */
export function LoginPage() {
  const route = useRoute();
  const list = useLoad(signInChoices, []);
  const [error, setError] = useState<string | null>(null);
  const choose = async (choice: SessionUser) => {
    try {
      const user = await signIn(choice.id);
      navigate(safeNext(route.query.get('next'), user), { replace: true });
    } catch (e) {
      setError(errorText(e));
    }
  };
  return html`<div class="login">
    <h1>CRM processes</h1>
    <p>Sign in as a demo user. Analysts design processes, managers work on tasks (heads and directors see every open task), ops run the cockpit, admins see everything.</p>
    ${route.query.get('expired') && html`<p class="message" data-testid="session-ended">Your session has ended: sign in again to go on.</p>`}
    <${ErrorNote} error=${error ?? list.error} />
    <ul class="user-cards" data-testid="login-users">
      ${(list.data ?? []).map(
        (user) => html`<li>
          <button type="button" class="user-card" data-user=${user.id} data-role=${workOf(user)} data-head=${String(user.supervisor)} onClick=${() => choose(user)}>
            <strong>${user.name}</strong>
            <span>${titleOf(user)}</span>
            <small>${user.areas.join(', ')}${user.groups.length ? ` · groups ${user.groups.join(', ')}` : ''}</small>
          </button>
        </li>`,
      )}
    </ul>
  </div>`;
}
