import { useRef, useState } from 'preact/hooks';
import { html } from '../app/html';
import { navigate, useRoute } from '../app/router';
import { safeNext } from '../app/session';
import { demoAccounts } from '../api/account';
import { useLoad } from '../components/common';
import { DemoBox } from './account/demo-box';
import { SignInForm } from './account/sign-in-form';
import { useSignIn } from './account/use-sign-in';

/** Sign-in with email and password; back to the page asked for (`next`) or the role's start page. Demo mode lists the demo users. */
export function LoginPage() {
  const route = useRoute();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = useRef<HTMLButtonElement>(null);
  const state = useSignIn((user) => navigate(safeNext(route.query.get('next'), user), { replace: true }));
  const demo = useLoad(demoAccounts, []);
  const pick = (user: { email: string }, demoPassword: string) => {
    setEmail(user.email);
    setPassword(demoPassword);
    submit.current?.focus();
  };
  return html`<div class="login">
    <div class="login-card">
      <h1>CRM processes</h1>
      <p class="muted">Sign in with your email address and password.</p>
      ${route.query.get('expired') && html`<p class="message" data-testid="session-ended">Your session has ended: sign in again to go on.</p>`}
      <${SignInForm} email=${email} password=${password} onEmail=${setEmail} onPassword=${setPassword} state=${state} submitRef=${submit} />
      <p class="muted small">No password yet, or forgotten it? Ask an administrator for a link to set one.</p>
    </div>
    ${demo.data && html`<${DemoBox} accounts=${demo.data} onPick=${pick} />`}
  </div>`;
}
