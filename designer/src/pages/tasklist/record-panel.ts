import { html } from '../../app/html';
import { loadRecord, recordCandidates, recordTitles, type RecordLoad, type RecordTitle } from '../../api/crm';
import type { VariableMap } from '../../api/engine-types';
import { formatDate } from '../../api/variables';
import { Section, useLoad } from '../../components/common';
import { usePeople } from '../../components/people';
import { RECORD_FIELDS, referencedIds, type RecordField } from '../../model/record-fields';

type Loaded = { record: RecordLoad; references: ReadonlyMap<string, RecordTitle> };

const shown = (value: unknown) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value));

function display(field: RecordField, record: Readonly<Record<string, unknown>>, references: ReadonlyMap<string, RecordTitle>, people: ReadonlyMap<string, string>): string | null {
  const value = record[field.name];
  if (value === null || value === undefined || value === '') return null;
  switch (field.format) {
    case 'money': return `${Number(value).toLocaleString()} ${String(record['currency'] ?? '')}`.trim();
    case 'percent': return `${shown(value)} %`;
    case 'date': return formatDate(String(value)) || String(value);
    case 'record': return references.get(String(value))?.title ?? String(value);
    case 'user': return people.get(String(value)) ?? String(value);
    default: return shown(value);
  }
}

/** The CRM record behind the process (business key or `<type>Id` variable), its main fields by name, and its timeline. */
export function RecordPanel({ businessKey, variables, processKey }: { businessKey: string | null; variables: VariableMap; processKey: string | null }) {
  const people = usePeople();
  const candidates = recordCandidates(businessKey, variables, processKey);
  const load = useLoad<Loaded | null>(async () => {
    if (candidates.length === 0) return null;
    const record = await loadRecord(candidates);
    // the record's own title too: a complaint has no title field
    const references = record.state === 'loaded' ? await recordTitles([record.ref.id, ...referencedIds(record.ref.type, record.record)]) : new Map();
    return { record, references };
  }, [JSON.stringify(candidates)]);
  const loaded = load.data?.record;
  const title = loaded?.state === 'loaded' ? `CRM ${loaded.ref.type}: ${String(loaded.record['title'] ?? loaded.record['name'] ?? loaded.record['fullName'] ?? loaded.record['personName'] ?? load.data?.references.get(loaded.ref.id)?.title ?? 'untitled')}` : 'CRM record';
  const rows = (record: Readonly<Record<string, unknown>>, type: string): [string, string][] => {
    const fields = RECORD_FIELDS[type];
    if (!fields) return Object.entries(record).filter(([k, v]) => k !== 'id' && (v === null || typeof v !== 'object')).slice(0, 8).map(([k, v]) => [k, shown(v)]);
    return fields.flatMap((field) => {
      const text = display(field, record, load.data?.references ?? new Map(), people);
      return text === null ? [] : [[field.label, text] as [string, string]];
    });
  };
  return html`<${Section} title=${title}>
    <div data-testid="record-panel">
      ${candidates.length === 0 && html`<p class="muted">No CRM record is linked (business key ${businessKey ?? 'none'}).</p>`}
      ${loaded?.state === 'unavailable' && html`<p class="muted">${loaded.reason}</p>`}
      ${loaded?.state === 'loaded' && html`<div>
        <dl class="record">${rows(loaded.record, loaded.ref.type).map(([label, text]) => html`<dt>${label}</dt><dd>${text}</dd>`)}</dl>
        <h3>Timeline</h3>
        <ul class="timeline">${loaded.timeline.map((e) => html`<li><strong>${e.title}</strong><small>${formatDate(e.at) || e.at}</small>${e.detail && html`<div>${e.detail}</div>`}</li>`)}</ul>
        ${loaded.timeline.length === 0 && html`<p class="muted">Nothing on the timeline yet.</p>`}
      </div>`}
    </div>
  <//>`;
}
