import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { linkTo, navigate } from '../../app/router';
import { homeOf, setPasswordWithLink } from '../../app/session';
import { passwordLinkOwner } from '../../api/account';
import { ErrorNote, errorText, useLoad } from '../../components/common';
import { takeLinkToken } from './link-token';
import { NewPasswordFields, useNewPassword } from './new-password';

/** `/set-password#token=…`: the invited (or reset) user picks a password and is signed in. */
export function SetPasswordPage() {
  const [token] = useState(takeLinkToken);
  const owner = useLoad(async () => (token ? passwordLinkOwner(token) : null), [token]);
  const password = useNewPassword();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = password.problem();
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const user = await setPasswordWithLink(token!, password.password);
      navigate(homeOf(user), { replace: true });
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  const body = !token
    ? html`<p class="error" role="alert">This link is incomplete: open the whole link you were sent, or ask an administrator for a new one.</p>`
    : owner.error
      ? html`<p class="error" role="alert" data-testid="link-invalid">${owner.error}</p>`
      : !owner.data
        ? html`<p class="muted">Checking the link…</p>`
        : html`<p data-testid="link-owner">Welcome, <strong>${owner.data.name}</strong>: choose the password you will sign in with.</p>
          <form class="form" data-testid="set-password-form" noValidate onSubmit=${submit}>
            <input type="email" name="email" autocomplete="username" value=${owner.data.email} readonly class="visually-hidden" tabIndex=${-1} aria-hidden="true" />
            <p class="muted">Email <strong>${owner.data.email}</strong></p>
            <${NewPasswordFields} state=${password} autoFocus=${true} />
            <${ErrorNote} error=${error} />
            <div class="actions"><button type="submit" class="primary" disabled=${busy} data-testid="set-password">${busy ? 'Saving…' : 'Set password and sign in'}</button></div>
          </form>`;
  return html`<div class="login">
    <div class="login-card">
      <h1>Set your password</h1>
      ${body}
      <p class="muted small"><a href="/login" onClick=${linkTo('/login')}>Back to the sign-in</a></p>
    </div>
  </div>`;
}
