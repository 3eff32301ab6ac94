import { useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { href, linkTo, setQuery } from '../../../app/router';
import {
  findDuplicates, isDuplicateType, loadRecord, mergeRecords, plural, recordPath, RULE_LABELS, type DuplicateType, type FieldChoice, type MergeResult,
} from '../../../api/duplicates';
import { ErrorNote, Section, useLoad } from '../../../components/common';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { usePeople } from '../../../components/people';
import { useRecordTitles } from '../../../components/record-title';
import type { CrmPageProps } from '../crm-page';
import { MERGE_FIELDS, MERGE_MOVES, type MergeField } from './merge-fields';

type Row = Record<string, unknown>;

const isBlank = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

const titleOf = (type: DuplicateType, record: Row | null | undefined) => String((type === 'company' ? record?.['name'] : type === 'contact' ? record?.['fullName'] : record?.['personName']) ?? '');

/**
 * /crm/merge?type=company&keep=<id>&duplicate=<id>: both records side by side (differing values
 * marked), then the merge on confirm. Without `duplicate`, the kept record's likely duplicates to pick from.
 */
export function MergePage({ route }: CrmPageProps) {
  const type = route.query.get('type');
  const keep = route.query.get('keep') ?? '';
  const duplicate = route.query.get('duplicate') ?? '';
  if (!isDuplicateType(type)) return html`<p class="error" role="alert">Choose what to merge: /crm/merge?type=company (or contact, lead)&keep=…&duplicate=…</p>`;
  if (!keep) return html`<p class="error" role="alert">Name the record to keep: /crm/merge?type=${type}&keep=…</p>`;
  return html`<${MergeView} key=${`${type}:${keep}:${duplicate}`} type=${type} keep=${keep} duplicate=${duplicate} />`;
}

function MergeView({ type, keep, duplicate }: { type: DuplicateType; keep: string; duplicate: string }) {
  const [tick, setTick] = useState(0);
  const kept = useLoad(() => loadRecord(type, keep), [type, keep, tick]);
  const other = useLoad(() => (duplicate ? loadRecord(type, duplicate) : Promise.resolve(null)), [type, duplicate, tick]);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<MergeResult | null>(null);
  const [choices, setChoices] = useState<Readonly<Record<string, FieldChoice>>>({});
  const people = usePeople();
  const referenced = useRecordTitles([kept.data?.['companyId'], other.data?.['companyId'], other.data?.['mergedInto']].map((v) => (typeof v === 'string' ? v : null)));
  const keptTitle = titleOf(type, kept.data);
  const duplicateTitle = titleOf(type, other.data);
  const archived = Boolean(other.data?.['archivedAt']);

  const show = (record: Row | null, field: MergeField) => {
    const value = record?.[field.field];
    if (isBlank(value)) return html`<span class="muted">—</span>`;
    if (field.as === 'owner') return people.get(String(value)) ?? html`<span class="muted">another user</span>`;
    if (field.as === 'record') return referenced.get(String(value))?.title ?? html`<span class="muted">a record you do not see</span>`;
    if (field.as === 'list') return (value as unknown[]).join(', ');
    if (field.as === 'date') return new Date(String(value)).toLocaleString();
    return String(value);
  };
  const differs = (field: MergeField) => JSON.stringify(kept.data?.[field.field] ?? null) !== JSON.stringify(other.data?.[field.field] ?? null);
  /** a value of the duplicate the kept record could take: the field allows it, and it differs and is not empty */
  const takeable = (field: MergeField) => Boolean(field.take && other.data && !archived && !result && differs(field) && !isBlank(other.data[field.field]));
  const choose = (field: string, choice: FieldChoice | 'keep') => {
    const { [field]: _dropped, ...rest } = choices;
    setChoices(choice === 'keep' ? rest : { ...rest, [field]: choice });
  };
  const taken = MERGE_FIELDS[type].filter((field) => choices[field.field]);

  return html`<${Section} title=${`Merge ${type === 'company' ? 'companies' : `${type}s`}`}>
    <${ErrorNote} error=${kept.error ?? other.error} />
    ${result && html`<p class="notice" role="status" data-testid="merge-result">
      Merged <strong>${duplicateTitle}</strong> into <a href=${recordPath(type, keep)} onClick=${linkTo(recordPath(type, keep))}>${keptTitle}</a>:${' '}${movedText(result.moved)}. ${duplicateTitle} is archived; its history shows on ${keptTitle}'s timeline.
    </p>`}
    ${kept.data && html`<table class="merge-table" data-testid="merge-table">
      <thead><tr><th></th>
        <th data-testid="merge-keep">Keep: <a href=${recordPath(type, keep)} onClick=${linkTo(recordPath(type, keep))}>${keptTitle}</a></th>
        <th data-testid="merge-duplicate">${other.data
          ? html`${archived ? 'Archived' : 'Merge in and archive'}: <a href=${recordPath(type, duplicate)} onClick=${linkTo(recordPath(type, duplicate))}>${duplicateTitle}</a>`
          : 'Duplicate'}</th>
      </tr></thead>
      <tbody>
        ${MERGE_FIELDS[type].map((field) => html`<tr class=${other.data && differs(field) ? 'differs' : ''} data-field=${field.field}>
          <th scope="row">${field.label}</th><td>${show(kept.data, field)}</td><td>${other.data ? show(other.data, field) : ''}${takeable(field) && html`
            <label class="merge-take">Use <select data-testid=${`take-${field.field}`} value=${choices[field.field] ?? 'keep'} onChange=${(e: Event) => choose(field.field, (e.target as HTMLSelectElement).value as FieldChoice | 'keep')}>
              <option value="keep">the kept one</option>
              <option value="duplicate">this one</option>
              ${field.take === 'both' && !isBlank(kept.data?.[field.field]) && html`<option value="both">both</option>`}
            </select></label>`}</td>
        </tr>`)}
        ${type === 'company' && html`<tr data-field="contacts"><th scope="row">Contacts</th>
          <td data-testid="keep-contacts">${contactNames(kept.data)}</td><td data-testid="duplicate-contacts">${other.data ? contactNames(other.data) : ''}</td></tr>`}
        ${other.data && archived && html`<tr data-field="mergedInto"><th scope="row">Archived</th><td></td>
          <td data-testid="duplicate-archived">${other.data['mergedInto'] ? html`merged into ${referenced.get(String(other.data['mergedInto']))?.title ?? 'another record'}` : 'yes'}</td></tr>`}
      </tbody>
    </table>`}
    ${kept.data && !duplicate && html`<${PickDuplicate} type=${type} keep=${keep} record=${kept.data} />`}
    ${kept.data && other.data && !result && html`<div class="actions">
      <button type="button" class="danger" data-testid="merge" disabled=${archived} onClick=${() => setConfirming(true)}>Merge into ${keptTitle}</button>
      <button type="button" data-testid="swap" onClick=${() => setQuery({ keep: duplicate, duplicate: keep })}>Keep the other one</button>
    </div>
    <p class="muted">${keptTitle} takes over ${MERGE_MOVES[type]}; ${duplicateTitle} is archived and its history stays visible from ${keptTitle}. ${keptTitle} keeps its own values except where you choose <em>this one</em> (or <em>both</em>) beside a value of ${duplicateTitle}.</p>`}
    ${confirming && html`<${ConfirmDialog} title="Merge records" confirmLabel="Merge" onClose=${() => setConfirming(false)}
      onConfirm=${async () => { setResult(await mergeRecords(type, keep, duplicate, choices)); setChoices({}); setTick((t) => t + 1); }}>
      <p>Merge <strong>${duplicateTitle}</strong> into <strong>${keptTitle}</strong>? This cannot be undone.</p>
      ${taken.length > 0 && html`<p data-testid="merge-taken">${takenText(keptTitle, duplicateTitle, taken, choices)}</p>`}
    <//>`}
  <//>`;
}

/** the kept record's likely duplicates (the finder, with the kept record's values), each a link that fills in `duplicate` */
function PickDuplicate({ type, keep, record }: { type: DuplicateType; keep: string; record: Row }) {
  const text = (field: string) => (typeof record[field] === 'string' ? (record[field] as string) : undefined);
  const phones = type === 'company' ? (record['phones'] as string[] | undefined)?.[0] : text(type === 'contact' ? 'mobilePhone' : 'phone');
  const found = useLoad(() => findDuplicates({
    type, excludeId: keep, email: text('email'), phone: phones,
    ...(type === 'company' ? { name: text('name'), taxId: text('taxId'), city: text('city') } : {}),
    ...(type === 'contact' ? { name: text('fullName'), companyId: text('companyId') } : {}),
    ...(type === 'lead' ? { name: text('personName'), companyName: text('companyName') } : {}),
  }), [type, keep]);
  return html`<div data-testid="merge-candidates">
    <h3>Likely duplicates</h3>
    <${ErrorNote} error=${found.error} />
    ${found.data?.length === 0 && html`<p class="muted">None found among the ${plural(type)} you see.</p>`}
    <ul>${(found.data ?? []).map((c) => html`<li data-record-id=${c.id}>
      <a href=${href('/crm/merge', { type, keep, duplicate: c.id })} onClick=${linkTo(href('/crm/merge', { type, keep, duplicate: c.id }))}>${c.title}</a>
      ${c.detail && html` <span class="muted">· ${c.detail}</span>`} ${c.matched.map((rule) => html`<span class="pill duplicate-rule">${RULE_LABELS[rule]}</span> `)}
    </li>`)}</ul>
  </div>`;
}

/** "Globex takes email, industry from Globex Corp and keeps both phones." */
function takenText(keptTitle: string, duplicateTitle: string, taken: readonly MergeField[], choices: Readonly<Record<string, FieldChoice>>): string {
  const names = (choice: FieldChoice) => taken.filter((field) => choices[field.field] === choice).map((field) => field.label.toLowerCase());
  const [one, both] = [names('duplicate'), names('both')];
  const parts = [...(one.length > 0 ? [`takes ${one.join(', ')} from ${duplicateTitle}`] : []), ...(both.length > 0 ? [`keeps both ${both.join(', ')}`] : [])];
  return `${keptTitle} ${parts.join(' and ')}.`;
}

function contactNames(record: Row) {
  const contacts = (record['contacts'] as { fullName: string }[] | undefined) ?? [];
  return contacts.length === 0 ? html`<span class="muted">—</span>` : contacts.map((c) => c.fullName).join(', ');
}

function movedText(moved: Readonly<Record<string, number>>): string {
  const parts = Object.entries(moved).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${n === 1 ? kind.replace(/ies$/, 'y').replace(/s$/, '') : kind}`);
  return parts.length === 0 ? 'nothing to move' : `moved ${parts.join(', ')}`;
}
