import { html } from '../app/html';
import { recordTitles, type RecordTitle } from '../api/crm';
import { instances } from '../api/engine';
import { useLoad } from './common';

/** the records behind a list's business keys, loaded in one request */
export function useRecordTitles(keys: readonly (string | null)[]): ReadonlyMap<string, RecordTitle> {
  const loaded = useLoad(() => recordTitles(keys), [keys.join(',')]);
  return loaded.data ?? new Map();
}

/** the records tasks are about: their instances' business keys (Camunda's task has none), then the records, by instance id */
export function useTaskRecords(processInstanceIds: readonly string[]): { keys: ReadonlyMap<string, string | null>; records: ReadonlyMap<string, RecordTitle> } {
  const ids = [...new Set(processInstanceIds)].slice(0, 200);
  const loaded = useLoad(async () => {
    if (ids.length === 0) return { keys: new Map<string, string | null>(), records: new Map<string, RecordTitle>() };
    const found = await instances.list({ processInstanceIds: ids.join(','), maxResults: ids.length });
    const keys = new Map(found.map((i) => [i.id, i.businessKey]));
    return { keys, records: await recordTitles([...keys.values()]) };
  }, [ids.join(',')]);
  return loaded.data ?? { keys: new Map(), records: new Map() };
}

/** "Deal · Borealis field service", or the plain business key when it names no CRM record */
export function RecordTitleCell({ businessKey, records }: { businessKey: string | null; records: ReadonlyMap<string, RecordTitle> }) {
  if (!businessKey) return html`<span class="muted">—</span>`;
  const record = records.get(businessKey);
  return record
    ? html`<span class="record-title truncate" title=${`${record.type} ${record.title} (${businessKey})`}><small class="muted">${record.type}</small> ${record.title}</span>`
    : html`<code class="muted truncate" title=${businessKey}>${businessKey}</code>`;
}

/** the record's title (type on hover), or the business key itself when it names no record */
export function RecordName({ businessKey, records }: { businessKey: string | null; records: ReadonlyMap<string, RecordTitle> }) {
  if (!businessKey) return html`<span class="muted">none</span>`;
  const record = records.get(businessKey);
  return record
    ? html`<span class="record-title truncate" data-testid="record-name" title=${`${record.type} ${record.title} (${businessKey})`}>${record.title}</span>`
    : html`<code class="truncate" data-testid="record-name" title=${businessKey}>${businessKey}</code>`;
}
