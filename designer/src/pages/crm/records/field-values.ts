import { html } from '../../../app/html';
import { href, linkTo } from '../../../app/router';
import type { RecordTitle } from '../../../api/crm';
import { kindOfType, words } from './record-kinds';

/** how a stored value reads: dates in the user's locale, enums in words, users and records by name (never their ids) */
export function shownValue(value: unknown, show: string, people: ReadonlyMap<string, string>, records: ReadonlyMap<string, RecordTitle>, currency?: unknown) {
  if (value === null || value === undefined || value === '') return html`<span class="muted">—</span>`;
  switch (show) {
    case 'user':
      return html`<span data-testid="user-name">${people.get(String(value)) ?? html`<span class="muted">someone else</span>`}</span>`;
    case 'record': {
      const record = records.get(String(value));
      if (!record) return html`<span class="muted">a record you do not see</span>`;
      return recordLink(record);
    }
    case 'money':
      return `${Number(value).toLocaleString(undefined, { maximumFractionDigits: 2 })}${currency ? ` ${String(currency)}` : ''}`;
    case 'date':
      return new Date(String(value)).toLocaleDateString();
    case 'datetime':
      return new Date(String(value)).toLocaleString();
    default:
      return typeof value === 'boolean' ? (value ? 'yes' : 'no') : words(String(value));
  }
}

/** a link to a record's card (activities have none: their title only) */
export function recordLink(record: { type: string; id: string; title: string }) {
  const kind = kindOfType(record.type);
  if (!kind?.hasCard) return html`<span>${record.title}</span>`;
  const to = href(`/crm/${kind.list}/${record.id}`);
  return html`<a href=${to} onClick=${linkTo(to)} data-testid="record-link">${record.title}</a>`;
}
