import { html } from '../../app/html';
import { linkUrl, type PasswordLink } from '../../api/admin';
import { formatDate } from '../../api/variables';
import { Modal } from '../../components/common';
import { CopyField } from '../../components/copy-field';

/** A one-time link to set a password, shown once: the admin sends it to the user. */
export function PasswordLinkDialog({ name, link, onClose }: { name: string; link: PasswordLink; onClose: () => void }) {
  const what = link.purpose === 'invite' ? 'Invitation' : 'Password reset';
  return html`<${Modal} title=${`${what} for ${name}`} onClose=${onClose}>
    <div class="form" data-testid="password-link">
      <p>Send this link to <strong>${name}</strong>: with it they choose their ${link.purpose === 'invite' ? '' : 'new '}password and are signed in.
        It works once, until ${formatDate(link.expiresAt)}${link.purpose === 'reset' ? ', and earlier links stop working' : ''}.</p>
      <${CopyField} label="One-time link" value=${linkUrl(link)} testId="password-link-url" />
      <p class="warning">This link is shown only now: copy it before you close this window.</p>
      <div class="actions"><button type="button" class="primary" onClick=${onClose}>Done</button></div>
    </div>
  <//>`;
}
