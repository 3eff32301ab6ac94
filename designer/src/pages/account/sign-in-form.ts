import type { Ref } from 'preact';
import { html } from '../../app/html';
import type { SignInState } from './use-sign-in';

interface Props {
  readonly email: string;
  readonly password: string;
  readonly onEmail: (email: string) => void;
  readonly onPassword: (password: string) => void;
  readonly state: SignInState;
  readonly submitRef?: Ref<HTMLButtonElement>;
}

/** Email and password, named and marked so password managers fill and save them; Enter signs in. */
export function SignInForm({ email, password, onEmail, onPassword, state, submitRef }: Props) {
  const disabled = state.busy || state.blocked;
  return html`<form class="form sign-in-form" method="post" action="/login" data-testid="sign-in-form" noValidate
    onSubmit=${(e: Event) => {
      e.preventDefault();
      void state.submit(email, password);
    }}>
    <label for="email">Email
      <input id="email" name="email" type="email" autocomplete="username" autocapitalize="none" spellcheck=${false} required autofocus
        value=${email} onInput=${(e: Event) => onEmail((e.target as HTMLInputElement).value)} />
    </label>
    <label for="password">Password
      <input id="password" name="password" type="password" autocomplete="current-password" required
        value=${password} onInput=${(e: Event) => onPassword((e.target as HTMLInputElement).value)} />
    </label>
    ${state.problem && html`<p class="error" role="alert" data-testid="sign-in-problem">${state.problem}</p>`}
    <div class="actions">
      <button type="submit" class="primary" ref=${submitRef} disabled=${disabled} data-testid="sign-in">${state.busy ? 'Signing in…' : 'Sign in'}</button>
    </div>
  </form>`;
}
