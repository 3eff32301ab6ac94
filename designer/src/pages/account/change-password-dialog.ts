import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { changePassword, type SessionUser } from '../../app/session';
import { ApiError } from '../../api/http';
import { ErrorNote, Modal, errorText } from '../../components/common';
import { NewPasswordFields, useNewPassword } from './new-password';

function changeProblem(error: unknown): string {
  if (error instanceof ApiError && error.status === 403 && error.message.includes('currentPassword')) return 'The current password is not right';
  return errorText(error);
}

/** Current password, new one twice; the user's other sessions end, this one goes on. */
export function ChangePasswordDialog({ user, onClose }: { user: SessionUser; onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const password = useNewPassword();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = current ? password.problem() : 'Enter your current password';
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, password.password);
      setDone(true);
    } catch (err) {
      setError(changeProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return html`<${Modal} title="Change password" onClose=${onClose}>
    ${done
      ? html`<div class="form">
          <p class="message" role="status" data-testid="password-changed">Your password is changed. Your other sessions (other browsers and devices) are signed out.</p>
          <div class="actions"><button type="button" class="primary" onClick=${onClose}>Close</button></div>
        </div>`
      : html`<form class="form" data-testid="change-password-form" noValidate onSubmit=${submit}>
          <input type="email" name="email" autocomplete="username" value=${user.email} readonly class="visually-hidden" tabIndex=${-1} aria-hidden="true" />
          <label for="current-password">Current password
            <input id="current-password" name="current-password" type="password" autocomplete="current-password" required autofocus
              value=${current} onInput=${(e: Event) => setCurrent((e.target as HTMLInputElement).value)} />
          </label>
          <${NewPasswordFields} state=${password} />
          <${ErrorNote} error=${error} />
          <div class="actions">
            <button type="submit" class="primary" disabled=${busy} data-testid="change-password">${busy ? 'Changing…' : 'Change password'}</button>
            <button type="button" onClick=${onClose}>Cancel</button>
          </div>
        </form>`}
  <//>`;
}
