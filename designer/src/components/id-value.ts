import { html } from '../app/html';
import type { RecordTitle } from '../api/crm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (text: string): boolean => UUID.test(text);

/**
 * A value that may be an id: a user's name or a record's title when it names one (the id on hover),
 * else the id shortened to its first block; any other text as it is.
 */
export function IdValue({ text, people, records }: { text: string; people: ReadonlyMap<string, string>; records: ReadonlyMap<string, RecordTitle> }) {
  if (!isUuid(text)) return html`${text}`;
  const person = people.get(text);
  if (person) return html`<span data-testid="id-value" title=${text}>${person}</span>`;
  const record = records.get(text);
  if (record) return html`<span data-testid="id-value" title=${`${record.type} ${text}`}><small class="muted">${record.type}</small> ${record.title}</span>`;
  return html`<code data-testid="id-value" title=${text}>${text.slice(0, 8)}…</code>`;
}
