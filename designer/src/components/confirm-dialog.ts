import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { html } from '../app/html';
import { ErrorNote, Modal, errorText } from './common';

interface Props {
  readonly title: string;
  readonly confirmLabel: string;
  readonly children: ComponentChildren;
  readonly onConfirm: () => Promise<unknown>;
  readonly onClose: () => void;
}

/** Asks before an action that cannot be undone; shows the server's refusal and stays open then. */
export function ConfirmDialog({ title, confirmLabel, children, onConfirm, onClose }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return html`<${Modal} title=${title} onClose=${onClose}>
    <div class="form" data-testid="confirm-dialog">
      ${children}
      <${ErrorNote} error=${error} />
      <div class="actions">
        <button type="button" class="danger" data-testid="confirm" disabled=${busy} onClick=${confirm}>${confirmLabel}</button>
        <button type="button" onClick=${onClose}>Cancel</button>
      </div>
    </div>
  <//>`;
}
