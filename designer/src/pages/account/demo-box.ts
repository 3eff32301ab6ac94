import { html } from '../../app/html';
import { roleWork } from '../../app/roles';
import { titleOf, type SessionUser } from '../../app/session';
import type { DemoAccounts } from '../../api/account';

const ROLE_ORDER = ['analyst', 'manager', 'head', 'director', 'ops', 'admin'];

function byRole(a: SessionUser, b: SessionUser): number {
  return ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name);
}

/** Demo mode only: the demo users with what they do, and their one password; picking one fills the form. */
export function DemoBox({ accounts, onPick }: { accounts: DemoAccounts; onPick: (user: SessionUser, password: string) => void }) {
  return html`<aside class="demo-box" data-testid="demo-box" aria-labelledby="demo-title">
    <header><span class="demo-badge">Demo</span><h2 id="demo-title">Demo users</h2></header>
    <p>This installation runs with demo data. Every demo user signs in with the password <code data-testid="demo-password">${accounts.password}</code>. Pick one to fill in the form.</p>
    <ul class="demo-users">
      ${[...accounts.users].sort(byRole).map(
        (user) => html`<li>
          <button type="button" class="demo-user" data-email=${user.email} data-role=${user.role} onClick=${() => onPick(user, accounts.password)}>
            <strong>${user.name}</strong>
            <span>${titleOf(user)}</span>
            <small>${roleWork(user.role)}</small>
          </button>
        </li>`,
      )}
    </ul>
  </aside>`;
}
