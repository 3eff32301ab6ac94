import { useState } from 'preact/hooks';
import { html } from '../../app/html';

/** as the server requires (crm-domain/auth/credentials/passwords.ts); the server checks again */
export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 256;

/** why a new password will be refused, or null */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `The new password needs at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `The new password may have at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim() !== password) return 'The new password must not start or end with spaces';
  return null;
}

export interface NewPassword {
  readonly password: string;
  readonly confirmation: string;
  setPassword(value: string): void;
  setConfirmation(value: string): void;
  /** what is wrong with it, checked before it is sent */
  problem(): string | null;
}

export function useNewPassword(): NewPassword {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  return {
    password,
    confirmation,
    setPassword,
    setConfirmation,
    problem: () => passwordProblem(password) ?? (password !== confirmation ? 'The two new passwords differ' : null),
  };
}

/** New password and its confirmation, marked for password managers to suggest and save one. */
export function NewPasswordFields({ state, autoFocus = false }: { state: NewPassword; autoFocus?: boolean }) {
  const value = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);
  return html`<label for="new-password">New password
      <input id="new-password" name="new-password" type="password" autocomplete="new-password" required minlength=${PASSWORD_MIN_LENGTH}
        autofocus=${autoFocus} value=${state.password} onInput=${value(state.setPassword)} aria-describedby="new-password-hint" />
    </label>
    <small id="new-password-hint" class="muted">At least ${PASSWORD_MIN_LENGTH} characters; a passphrase of a few words is easy to type and hard to guess.</small>
    <label for="confirm-password">Repeat the new password
      <input id="confirm-password" name="confirm-password" type="password" autocomplete="new-password" required value=${state.confirmation} onInput=${value(state.setConfirmation)} />
    </label>`;
}
