import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { MANAGER_LEVELS, USER_ROLES, roleTitle, type UserRole } from '../../app/roles';
import { users, type CrmUser, type PasswordLink, type Team, type UserFields } from '../../api/admin';
import { ErrorNote, Modal, errorText } from '../../components/common';
import { passwordProblem } from '../account/new-password';

interface Props {
  /** the user to edit; none: a new user */
  readonly user?: CrmUser;
  readonly teams: readonly Team[];
  readonly onSaved: (user: CrmUser, invitation: PasswordLink | null) => void;
  readonly onClose: () => void;
}

type Access = 'invite' | 'password';

const inputValue = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

/** New user (with an invitation link or an initial password), or a user's name, email, role, level and team. */
export function UserDialog({ user, teams, onSaved, onClose }: Props) {
  const [fields, setFields] = useState<UserFields>({ name: user?.name ?? '', email: user?.email ?? '', role: user?.role ?? 'manager', level: user?.level ?? 'junior', teamId: user?.teamId ?? null });
  const [access, setAccess] = useState<Access>('invite');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (change: Partial<UserFields>) => setFields({ ...fields, ...change });
  const isManager = fields.role === 'manager';

  const problem = (): string | null => {
    if (!fields.name.trim()) return 'Enter the name';
    if (!/^\S+@\S+\.\S+$/.test(fields.email.trim())) return 'Enter an email address';
    if (!user && access === 'password') return passwordProblem(password)?.replace('The new password', 'The password') ?? null;
    return null;
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const wrong = problem();
    if (wrong) return setError(wrong);
    setBusy(true);
    setError(null);
    const body: UserFields = { ...fields, name: fields.name.trim(), email: fields.email.trim(), level: isManager ? fields.level : null };
    try {
      if (user) onSaved(await users.update(user.id, body), null);
      else {
        const { invitation, ...created } = await users.create(access === 'password' ? { ...body, password } : body);
        onSaved(created, invitation ?? null);
      }
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return html`<${Modal} title=${user ? `Edit ${user.name}` : 'New user'} onClose=${onClose}>
    <form class="form" data-testid="user-form" noValidate onSubmit=${submit}>
      <label>Name <input name="name" autocomplete="off" required value=${fields.name} onInput=${(e: Event) => set({ name: inputValue(e) })} /></label>
      <label>Email <input name="email" type="email" autocomplete="off" required value=${fields.email} onInput=${(e: Event) => set({ email: inputValue(e) })} /></label>
      <label>Role
        <select name="role" value=${fields.role} onChange=${(e: Event) => set({ role: inputValue(e) as UserRole })}>
          ${USER_ROLES.map((r) => html`<option value=${r}>${roleTitle(r)}</option>`)}
        </select>
      </label>
      ${isManager && html`<label>Level (which deal sizes they get)
        <select name="level" value=${fields.level ?? 'junior'} onChange=${(e: Event) => set({ level: inputValue(e) })}>
          ${MANAGER_LEVELS.map((l) => html`<option value=${l}>${l}</option>`)}
        </select>
      </label>`}
      <label>Team
        <select name="teamId" value=${fields.teamId ?? ''} onChange=${(e: Event) => set({ teamId: inputValue(e) || null })}>
          <option value="">no team</option>
          ${teams.map((t) => html`<option value=${t.id}>${t.name} (${t.kind})</option>`)}
        </select>
      </label>
      ${!user && html`<fieldset>
        <legend>Sign-in</legend>
        <label class="choice"><input type="radio" name="access" value="invite" checked=${access === 'invite'} onChange=${() => setAccess('invite')} />
          Send an invitation: a one-time link with which they choose their password</label>
        <label class="choice"><input type="radio" name="access" value="password" checked=${access === 'password'} onChange=${() => setAccess('password')} />
          Set an initial password</label>
        ${access === 'password' && html`<label>Initial password
          <input name="password" type="password" autocomplete="new-password" value=${password} onInput=${(e: Event) => setPassword(inputValue(e))} /></label>`}
      </fieldset>`}
      <${ErrorNote} error=${error} />
      <div class="actions">
        <button type="submit" class="primary" disabled=${busy} data-testid="save-user">${user ? 'Save' : access === 'invite' ? 'Create and invite' : 'Create user'}</button>
        <button type="button" onClick=${onClose}>Cancel</button>
      </div>
    </form>
  <//>`;
}
