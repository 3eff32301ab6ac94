import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { setQuery } from '../../app/router';
import { USER_ROLES, roleTitle } from '../../app/roles';
import type { SessionUser } from '../../app/session';
import { teams, users, type CrmUser, type PasswordLink } from '../../api/admin';
import { ErrorNote, Section, errorText, useLoad } from '../../components/common';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PasswordLinkDialog } from './password-link-dialog';
import { UserDialog } from './user-dialog';

const PAGE_SIZE = 25;

type Dialog =
  | { readonly kind: 'create' }
  | { readonly kind: 'edit'; readonly user: CrmUser }
  | { readonly kind: 'deactivate'; readonly user: CrmUser }
  | { readonly kind: 'link'; readonly name: string; readonly link: PasswordLink };

/** the list's filters, kept in the URL: name prefix, role, team, active (default) or deactivated or all */
function filtersOf(query: URLSearchParams) {
  const status = query.get('status') ?? 'active';
  return {
    page: Math.max(1, Number(query.get('page')) || 1),
    pageSize: PAGE_SIZE,
    q: query.get('q'),
    role: query.get('role'),
    teamId: query.get('team'),
    active: status === 'all' ? null : String(status === 'active'),
  };
}

/** CRM users: find by name, role, team; create with an invitation or a password; edit, reset the password, deactivate. */
export function UsersPage({ query, me }: { query: URLSearchParams; me: SessionUser }) {
  const filters = filtersOf(query);
  const list = useLoad(() => users.list(filters), [JSON.stringify(filters)]);
  const teamList = useLoad(teams.list, []);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const filter = (name: string) => (e: Event) => setQuery({ [name]: (e.target as HTMLInputElement).value, page: null });
  const close = () => setDialog(null);

  const act = async (action: () => Promise<string>) => {
    try {
      setMessage(await action());
      setError(null);
      list.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const resetPassword = (user: CrmUser) => act(async () => {
    setDialog({ kind: 'link', name: user.name, link: await users.passwordReset(user.id) });
    return `A password reset link for ${user.name} was made`;
  });
  const reactivate = (user: CrmUser) => act(async () => {
    await users.update(user.id, { active: true });
    return `${user.name} is active again and signs in with their previous password (or reset it)`;
  });
  const saved = (user: CrmUser, invitation: PasswordLink | null) => {
    setMessage(dialog?.kind === 'edit' ? `Saved ${user.name}` : `Created ${user.name}`);
    setDialog(invitation ? { kind: 'link', name: user.name, link: invitation } : null);
    list.reload();
  };

  const data = list.data;
  const last = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const row = (user: CrmUser) => html`<tr data-user-id=${user.id} data-email=${user.email} class=${user.active ? '' : 'inactive'}>
    <td><strong>${user.name}</strong></td>
    <td>${user.email}</td>
    <td>${roleTitle(user.role)}${user.level ? html` <small class="muted">${user.level}</small>` : ''}</td>
    <td>${user.team?.name ?? html`<span class="muted">—</span>`}</td>
    <td>${user.active ? 'active' : html`<span class="pill">deactivated</span>`}</td>
    <td><div class="outcomes">
      <button type="button" class="link" onClick=${() => setDialog({ kind: 'edit', user })}>Edit</button>
      ${user.active
        ? html`<button type="button" class="link" data-testid="reset-password" onClick=${() => resetPassword(user)}>Reset password</button>
          ${user.id !== me.id && html`<button type="button" class="link" data-testid="deactivate" onClick=${() => setDialog({ kind: 'deactivate', user })}>Deactivate</button>`}`
        : html`<button type="button" class="link" onClick=${() => reactivate(user)}>Reactivate</button>`}
    </div></td>
  </tr>`;

  return html`<${Section} title="Users" actions=${html`<button type="button" class="primary" data-testid="new-user" onClick=${() => setDialog({ kind: 'create' })}>New user</button>`}>
    <div class="filters">
      <label>Name starts with <input name="q" value=${filters.q ?? ''} onChange=${filter('q')} /></label>
      <label>Role <select value=${filters.role ?? ''} onChange=${filter('role')}><option value="">all</option>${USER_ROLES.map((r) => html`<option value=${r}>${roleTitle(r)}</option>`)}</select></label>
      <label>Team <select value=${filters.teamId ?? ''} onChange=${filter('team')}><option value="">all</option>${(teamList.data?.items ?? []).map((t) => html`<option value=${t.id}>${t.name}</option>`)}</select></label>
      <label>Status <select value=${query.get('status') ?? 'active'} onChange=${filter('status')}><option value="active">active</option><option value="inactive">deactivated</option><option value="all">all</option></select></label>
    </div>
    ${message && html`<p class="message" role="status" data-testid="users-message">${message}</p>`}
    <${ErrorNote} error=${error ?? list.error} />
    <table data-testid="users">
      <thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Team</th><th>Status</th><th></th></tr></thead>
      <tbody>${(data?.items ?? []).map(row)}</tbody>
    </table>
    ${data && data.total === 0 && html`<p class="muted">No user matches.</p>`}
    ${data && data.total > data.pageSize && html`<div class="toolbar pager">
      <button type="button" disabled=${filters.page <= 1} onClick=${() => setQuery({ page: String(filters.page - 1) })}>Previous</button>
      <span class="status">${(filters.page - 1) * data.pageSize + 1}–${Math.min(filters.page * data.pageSize, data.total)} of ${data.total}</span>
      <button type="button" disabled=${filters.page >= last} onClick=${() => setQuery({ page: String(filters.page + 1) })}>Next</button>
    </div>`}
    ${(dialog?.kind === 'create' || dialog?.kind === 'edit') && html`<${UserDialog} user=${dialog.kind === 'edit' ? dialog.user : undefined} teams=${teamList.data?.items ?? []} onSaved=${saved} onClose=${close} />`}
    ${dialog?.kind === 'link' && html`<${PasswordLinkDialog} name=${dialog.name} link=${dialog.link} onClose=${close} />`}
    ${dialog?.kind === 'deactivate' && html`<${ConfirmDialog} title=${`Deactivate ${dialog.user.name}?`} confirmLabel="Deactivate"
      onConfirm=${async () => { await users.deactivate(dialog.user.id); setMessage(`${dialog.user.name} is deactivated`); list.reload(); }} onClose=${close}>
      <p><strong>${dialog.user.name}</strong> can no longer sign in: their sessions and links end at once. Their records and history keep their name; you can reactivate them later.</p>
    <//>`}
  <//>`;
}
