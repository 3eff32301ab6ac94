import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html';
import { navigate } from './router';
import { signOut, titleOf, type SessionUser } from './session';
import { ChangePasswordDialog } from '../pages/account/change-password-dialog';

/** The signed-in user in the top bar: who and in which role, change password, sign out. */
export function UserMenu({ user }: { user: SessionUser }) {
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => !menu.current?.contains(e.target as Node) && setOpen(false);
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);
  const leave = () => void signOut().then(() => navigate('/login'));
  return html`<div class="user-menu" ref=${menu}>
    <button type="button" class="user-menu-button" aria-haspopup="menu" aria-expanded=${open} data-testid="user-menu" onClick=${() => setOpen(!open)}>
      <span data-testid="current-user" data-user=${user.id}>${user.name}</span> <small>${titleOf(user)}</small> ▾
    </button>
    ${open && html`<div class="user-menu-items" role="menu">
      <p class="user-menu-who"><strong>${user.name}</strong><br /><small>${user.email}</small></p>
      <button type="button" role="menuitem" data-testid="open-change-password" onClick=${() => { setOpen(false); setChanging(true); }}>Change password</button>
      <button type="button" role="menuitem" data-testid="sign-out" onClick=${leave}>Sign out</button>
    </div>`}
    ${changing && html`<${ChangePasswordDialog} user=${user} onClose=${() => setChanging(false)} />`}
  </div>`;
}
