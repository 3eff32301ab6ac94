import { useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { href, linkTo } from '../../../app/router';
import type { SessionUser } from '../../../app/session';
import { activeUsers } from '../../../api/account';
import { get } from '../../../api/http';
import { getRecord, listRecords, recordProcesses, updateRecord, type CrmRecord, type RecordPage } from '../../../api/crm-records';
import { ErrorNote, Section, errorText, useLoad } from '../../../components/common';
import { useRecordTitles } from '../../../components/record-title';
import { bodyValue, FieldInput, type FieldValue } from './field-input';
import { recordLink, shownValue } from './field-values';
import { canWrite } from './permissions';
import { RecordActions } from './record-actions';
import { kindOfList, type FieldSpec, type RecordKind } from './record-kinds';
import { TimelinePanel } from './timeline-panel';

/** the lists a card shows below its fields: each a list query naming the record */
const RELATED: Readonly<Record<string, readonly { list: string; title: string; query: (id: string) => Record<string, string> }[]>> = {
  company: [
    { list: 'contacts', title: 'Contacts', query: (id) => ({ companyId: id }) },
    { list: 'deals', title: 'Deals', query: (id) => ({ companyId: id, sort: '-createdAt' }) },
    { list: 'leads', title: 'Leads converted into it', query: (id) => ({ convertedCompanyId: id }) },
    { list: 'complaints', title: 'Complaints', query: (id) => ({ companyId: id }) },
    { list: 'activities', title: 'Activities', query: (id) => ({ recordId: id }) },
  ],
  contact: [{ list: 'activities', title: 'Activities', query: (id) => ({ recordId: id }) }],
  lead: [{ list: 'activities', title: 'Activities', query: (id) => ({ recordId: id }) }],
  deal: [{ list: 'activities', title: 'Activities', query: (id) => ({ recordId: id }) }],
  complaint: [{ list: 'activities', title: 'Activities', query: (id) => ({ recordId: id }) }],
};

/** one field of the card: its value by name, and (for who may change it) an in-place edit that PATCHes it */
function CardField({ kind, record, field, people, titles, editable, onSaved }: {
  kind: RecordKind; record: CrmRecord; field: FieldSpec; people: readonly { id: string; name: string }[];
  titles: ReturnType<typeof useRecordTitles>; editable: boolean; onSaved: (record: CrmRecord) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<FieldValue>(null);
  const [error, setError] = useState<string | null>(null);
  const peopleById = new Map(people.map((p) => [p.id, p.name]));
  const show = field.input === 'user' ? 'user' : field.input === 'record' ? 'record' : field.input === 'datetime' ? 'datetime' : field.input === 'date' ? 'date' : 'text';
  const start = () => {
    const current = record[field.name];
    setValue(current === null || current === undefined ? '' : field.input === 'datetime' ? String(current).slice(0, 16) : String(current));
    setError(null);
    setEditing(true);
  };
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const raw = bodyValue(field, value);
      onSaved(await updateRecord(kind.list, record.id, { [field.name]: raw === undefined ? null : raw }));
      setEditing(false);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return html`<div class="crm-card-field" data-field=${field.name}>
    <dt>${field.label}</dt>
    <dd>${editing
      ? html`<form class="inline-edit" onSubmit=${save}>
          <${FieldInput} field=${field} value=${value} people=${people} onChange=${setValue} />
          <button type="submit" class="primary" data-testid="save-field">Save</button><button type="button" onClick=${() => setEditing(false)}>Cancel</button>
          ${error && html`<p class="error field-error" role="alert" data-testid="field-error">${error}</p>`}
        </form>`
      : html`<span data-testid="field-value">${shownValue(record[field.name], show, peopleById, titles)}</span>
          ${editable && field.editable && html`<button type="button" class="link edit" data-testid="edit-field" aria-label=${`Edit ${field.label}`} onClick=${start}>Edit</button>`}`}
    </dd>
  </div>`;
}

function RelatedList({ list, title, query }: { list: string; title: string; query: Record<string, string> }) {
  const kind = kindOfList(list)!;
  const page = useLoad<RecordPage>(() => listRecords(list, { ...query, pageSize: '10' }), [list, JSON.stringify(query)]);
  const more = href(`/crm/${list}`, query);
  return html`<div class="crm-related" data-testid=${`related-${list}`}>
    <h3>${title} ${page.data && html`<small class="muted">(${page.data.total})</small>`}</h3>
    <${ErrorNote} error=${page.error} />
    <ul>${(page.data?.items ?? []).map((item) => html`<li>${recordLink({ type: kind.type, id: item.id, title: String(item[kind.titleField] ?? '') })}
      ${item['stage'] ? html` <small class="muted">${String(item['stage'])}</small>` : item['status'] ? html` <small class="muted">${String(item['status'])}</small>` : ''}</li>`)}</ul>
    ${page.data && page.data.total > page.data.items.length && html`<a href=${more} onClick=${linkTo(more)}>All ${page.data.total}</a>`}
  </div>`;
}

/** A record's card: its fields (changed in place by who may), actions, related records, open tasks and processes, and its timeline. */
export function RecordCard({ kind, id, user }: { kind: RecordKind; id: string; user: SessionUser }) {
  const loaded = useLoad(() => getRecord(kind.list, id), [kind.list, id]);
  const people = useLoad(activeUsers, []);
  const processes = useLoad(() => recordProcesses(kind.list, id), [kind.list, id]);
  const products = useLoad(() => (kind.type === 'deal' ? get<RecordPage>('/api/products?pageSize=200') : Promise.resolve(null)), [kind.type]);
  const [record, setRecord] = useState<CrmRecord | null>(null);
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const shown = record && record.id === id ? record : loaded.data;
  const titles = useRecordTitles(shown ? kind.card.filter((f) => f.input === 'record').map((f) => (shown[f.name] as string | null) ?? null) : []);
  if (loaded.error) return html`<p class="error" role="alert" data-testid="card-error">${loaded.error}</p>`;
  if (!shown) return html`<p class="muted">Loading…</p>`;
  const changed = (next: CrmRecord | null, note: string | null) => {
    if (next) setRecord({ ...shown, ...next });
    else {
      // an action changed the record on the server: show what it reads now, not the copy of the last field edit
      setRecord(null);
      loaded.reload();
    }
    setMessage(note);
    setVersion((v) => v + 1);
    processes.reload();
  };
  const writable = canWrite(user);
  const title = String(shown[kind.titleField] ?? '');
  const productNames = new Map((products.data?.items ?? []).map((p) => [p.id, String(p['name'])]));
  const lines = (shown['products'] as { productId: string; quantity: number; unitPrice: number }[] | undefined) ?? [];
  const listHref = `/crm/${kind.list}`;
  return html`<div class="crm-card" data-testid="record-card" data-record-id=${id}>
    <p class="crumbs"><a href=${listHref} onClick=${linkTo(listHref)}>${kind.plural}</a> ›</p>
    <${Section} title=${`${kind.label}: ${title.length > 100 ? `${title.slice(0, 100)}…` : title}`}>
      ${message && html`<p class="message" role="status" data-testid="card-message">${message}</p>`}
      ${writable && html`<${RecordActions} kind=${kind} record=${shown} people=${people.data ?? []}
        onChanged=${(note: string) => changed(null, note)} />`}
      <dl class="crm-card-fields">
        ${kind.card.map((field) => html`<${CardField} key=${field.name} kind=${kind} record=${shown} field=${field} people=${people.data ?? []} titles=${titles}
          editable=${writable} onSaved=${(next: CrmRecord) => changed(next, `Saved ${field.label.toLowerCase()}`)} />`)}
      </dl>
      ${kind.type === 'deal' && html`<h3>Products</h3>${lines.length === 0 ? html`<p class="muted">No product lines.</p>` : html`<table class="compact" data-testid="deal-products">
        <thead><tr><th>Product</th><th>Quantity</th><th>Unit price</th></tr></thead>
        <tbody>${lines.map((l) => html`<tr><td>${productNames.get(l.productId) ?? 'a product'}</td><td>${l.quantity}</td><td>${l.unitPrice}</td></tr>`)}</tbody>
      </table>`}`}
      ${kind.type === 'lead' && shown['convertedDealId'] && html`<p>Converted into ${recordLink({ type: 'deal', id: String(shown['convertedDealId']), title: 'its deal' })} of ${recordLink({ type: 'company', id: String(shown['convertedCompanyId']), title: 'its company' })}.</p>`}
    <//>
    <div class="two-columns crm-card-columns">
      <${Section} title="Related">
        <div class="crm-related-lists">${(RELATED[kind.type] ?? []).map((r) => html`<${RelatedList} key=${`${r.list}-${version}`} list=${r.list} title=${r.title} query=${r.query(id)} />`)}</div>
      <//>
      <${Section} title="Open tasks and processes">
        <${ErrorNote} error=${processes.error} />
        <ul data-testid="open-tasks">${(processes.data?.openTasks ?? []).map((t) => {
          const to = href('/tasklist', { task: t.id });
          return html`<li><a href=${to} onClick=${linkTo(to)}>${t.name}</a> <small class="muted">${t.assignee ? (t.assignee.name ?? 'someone') : `offered to ${t.candidateGroups.join(', ') || 'nobody yet'}`}</small></li>`;
        })}</ul>
        ${processes.data && processes.data.openTasks.length === 0 && html`<p class="muted">No open task.</p>`}
        <ul data-testid="processes">${(processes.data?.processes ?? []).map((p) => html`<li>${p.processDefinitionName ?? p.processDefinitionKey} <span class=${`pill ${p.state}`}>${p.state.toLowerCase()}</span> <small class="muted">${new Date(p.startTime).toLocaleString()}</small></li>`)}</ul>
      <//>
    </div>
    <${TimelinePanel} list=${kind.list} type=${kind.type} id=${id} version=${version} />
  </div>`;
}
