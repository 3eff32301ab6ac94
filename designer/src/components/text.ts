import type { ComponentChildren } from 'preact';
import { html } from '../app/html';

/**
 * Facts in a line, separated by " · ". The separators are text of their own: htm drops the
 * whitespace of a template line that starts or ends with a line break ("version 1· business key").
 */
export function Facts({ items, class: className = 'muted', testId }: { items: readonly ComponentChildren[]; class?: string; testId?: string }) {
  const shown = items.filter((item) => item !== null && item !== undefined && item !== false && item !== '');
  return html`<p class=${`facts ${className}`} data-testid=${testId}>${shown.flatMap((item, i) => (i === 0 ? [item] : [' · ', item]))}</p>`;
}

/** text cut with an ellipsis where its cell or line ends; the whole text on hover */
export function Truncated({ text, class: className = '' }: { text: string; class?: string }) {
  return html`<span class=${`truncate ${className}`.trim()} title=${text}>${text}</span>`;
}
