import { useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { ErrorNote, Modal, errorText } from '../../../components/common';

interface Props {
  readonly title: string;
  readonly label: string;
  readonly confirmLabel: string;
  readonly testId: string;
  /** the action with the text typed; a refusal stays in the dialog */
  readonly onSubmit: (text: string) => Promise<unknown>;
  readonly onClose: () => void;
}

/** Asks for one text an action needs (a lost reason, a resolution) before doing it. */
export function TextPromptDialog({ title, label, confirmLabel, testId, onSubmit, onClose }: Props) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!text.trim()) return setError(`${label} is required`);
    setBusy(true);
    try {
      await onSubmit(text.trim());
      onClose();
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return html`<${Modal} title=${title} onClose=${onClose}>
    <form class="form" data-testid=${testId} onSubmit=${submit}>
      <label>${label}<textarea name="text" rows="3" value=${text} onInput=${(e: Event) => setText((e.target as HTMLTextAreaElement).value)} autofocus /></label>
      <${ErrorNote} error=${error} />
      <div class="actions">
        <button type="submit" class="primary" data-testid="prompt-confirm" disabled=${busy}>${confirmLabel}</button>
        <button type="button" onClick=${onClose}>Cancel</button>
      </div>
    </form>
  <//>`;
}
