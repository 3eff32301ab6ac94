import { html } from '../../../app/html';
import type { FoundRecord } from '../../../api/crm-records';
import { RecordPicker } from '../../../components/record-picker';
import type { FieldSpec } from './record-kinds';
import { words } from './record-kinds';

/** a form value: text as typed, or a picked record */
export type FieldValue = string | FoundRecord | null;

/** one input of a create form or an in-place edit, by its spec */
export function FieldInput({ field, value, onChange, people }: { field: FieldSpec; value: FieldValue; onChange: (value: FieldValue) => void; people: readonly { id: string; name: string }[] }) {
  const text = typeof value === 'string' ? value : '';
  const set = (e: Event) => onChange((e.target as HTMLInputElement).value);
  switch (field.input) {
    case 'record':
      return html`<${RecordPicker} types=${field.types ?? ['company']} name=${field.name} label=${field.label} value=${typeof value === 'object' ? value : null} onChange=${onChange} />`;
    case 'select':
      return html`<select name=${field.name} value=${text} onChange=${set}><option value=""></option>${(field.options ?? []).map((o) => html`<option value=${o}>${words(o)}</option>`)}</select>`;
    case 'user':
      return html`<select name=${field.name} value=${text} onChange=${set}><option value="">(default)</option>${people.map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select>`;
    case 'textarea':
      return html`<textarea name=${field.name} rows="3" value=${text} onInput=${set}></textarea>`;
    case 'bool':
      return html`<select name=${field.name} value=${text} onChange=${set}><option value=""></option><option value="true">yes</option><option value="false">no</option></select>`;
    default: {
      const type = field.input === 'datetime' ? 'datetime-local' : field.input === 'text' ? 'text' : field.input;
      return html`<input name=${field.name} type=${type} step=${field.input === 'number' ? 'any' : undefined} value=${text} onInput=${set} />`;
    }
  }
}

/** the request body's value of a field: numbers as numbers, date-times as ISO, records by id; empty → left out */
export function bodyValue(field: FieldSpec, value: FieldValue): unknown {
  if (value === null || value === '') return undefined;
  if (typeof value === 'object') return value.id;
  if (field.input === 'number') return Number(value);
  if (field.input === 'datetime') return new Date(value).toISOString();
  if (field.input === 'bool') return value === 'true';
  return value;
}

/** `{a: 1, 'b.c': 2}` → `{a: 1, b: {c: 2}}` */
export function nestedBody(flat: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flat)) {
    if (value === undefined) continue;
    const [head, ...rest] = name.split('.');
    if (rest.length === 0) body[head!] = value;
    else body[head!] = { ...((body[head!] as Record<string, unknown>) ?? {}), [rest.join('.')]: value };
  }
  return body;
}

/** the field a server's 400 names ("Invalid request body: 'primaryContact.email' expected …"), so the message shows beside it */
export function fieldOfError(message: string): string | null {
  return /^Invalid request body: '([^']+)'/.exec(message)?.[1] ?? /^Invalid request body: unknown field '([^']+)'/.exec(message)?.[1] ?? null;
}
