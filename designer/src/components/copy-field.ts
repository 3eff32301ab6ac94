import { useRef, useState } from 'preact/hooks';
import { html } from '../app/html';

async function copy(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // no clipboard permission (an http page, an older browser): select it for Ctrl+C
    input?.select();
    return false;
  }
}

/** A secret or link shown once: read-only, selected on focus, with a copy button. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const input = useRef<HTMLInputElement>(null);
  return html`<div class="copy-field">
    <input readonly aria-label=${label} value=${value} data-testid=${testId} ref=${input}
      onFocus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
    <button type="button" onClick=${async () => setCopied(await copy(value, input.current))}>Copy</button>
    <span class="muted" role="status">${copied === true ? 'Copied' : copied === false ? 'Selected: press Ctrl+C to copy' : ''}</span>
  </div>`;
}
