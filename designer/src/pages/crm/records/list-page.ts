import { useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { href, linkTo, navigate, setQuery } from '../../../app/router';
import type { SessionUser } from '../../../app/session';
import { activeUsers } from '../../../api/account';
import { listRecords, type CrmRecord, type FoundRecord } from '../../../api/crm-records';
import { exportUrl, isExportable } from '../../../api/export';
import { ErrorNote, Section, useLoad } from '../../../components/common';
import { useRecordTitles } from '../../../components/record-title';
import { RecordPicker } from '../../../components/record-picker';
import { CreateDialog } from './create-dialog';
import { shownValue } from './field-values';
import { canWrite } from './permissions';
import type { ColumnSpec, FieldSpec, RecordKind } from './record-kinds';
import { words } from './record-kinds';
import { SavedViewsBar } from './saved-views-bar';

const PAGE_SIZE = 25;

/** the list's query as the URL has it: its filters and sort (what a saved view keeps), and the page */
function listQueryOf(kind: RecordKind, query: URLSearchParams): { filters: Record<string, string>; page: number } {
  const filters: Record<string, string> = {};
  for (const name of [...kind.filters.map((f) => f.name), 'sort']) {
    const value = query.get(name);
    if (value) filters[name] = value;
  }
  return { filters, page: Math.max(1, Number(query.get('page')) || 1) };
}

/** one list of the workspace: filters, sortable columns and paging in the URL, saved views, names instead of ids, "New …" */
export function ListPage({ kind, query, user }: { kind: RecordKind; query: URLSearchParams; user: SessionUser }) {
  const { filters, page } = listQueryOf(kind, query);
  const list = useLoad(() => listRecords(kind.list, { ...filters, page: String(page), pageSize: String(PAGE_SIZE) }), [kind.list, JSON.stringify(filters), page]);
  const people = useLoad(activeUsers, []);
  const peopleById = new Map((people.data ?? []).map((p) => [p.id, p.name]));
  const items = list.data?.items ?? [];
  const recordColumns = kind.columns.filter((c) => c.show === 'record').map((c) => c.name);
  const pickedIds = kind.filters.filter((f) => f.input === 'record').map((f) => filters[f.name] ?? null);
  const titles = useRecordTitles([...items.flatMap((item) => recordColumns.map((name) => (item[name] as string | null) ?? null)), ...pickedIds]);
  const [creating, setCreating] = useState(false);
  const data = list.data;
  const last = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  const sortTerm = filters['sort'] ?? '';
  const header = (column: ColumnSpec) => {
    if (!column.sort) return html`<th>${column.label}</th>`;
    const ascending = sortTerm === column.sort;
    const descending = sortTerm === `-${column.sort}`;
    const next = ascending ? `-${column.sort}` : column.sort;
    return html`<th aria-sort=${ascending ? 'ascending' : descending ? 'descending' : 'none'}>
      <button type="button" class="link sort" data-sort=${column.sort} onClick=${() => setQuery({ sort: next, page: null })}>${column.label}${ascending ? ' ▲' : descending ? ' ▼' : ''}</button>
    </th>`;
  };
  const cell = (item: CrmRecord, column: ColumnSpec) => {
    if (column.show === 'title') {
      const title = String(item[column.name] ?? '');
      if (!kind.hasCard) return html`<td><strong>${title}</strong></td>`;
      const to = `/crm/${kind.list}/${item.id}`;
      return html`<td><a href=${to} onClick=${linkTo(to)} data-testid="row-link"><strong>${title.length > 80 ? `${title.slice(0, 80)}…` : title}</strong></a></td>`;
    }
    return html`<td>${shownValue(item[column.name], column.show, peopleById, titles, item['currency'])}</td>`;
  };
  const filterControl = (field: FieldSpec) => {
    const value = filters[field.name] ?? '';
    const set = (e: Event) => setQuery({ [field.name]: (e.target as HTMLInputElement).value, page: null });
    switch (field.input) {
      case 'select':
        return html`<select name=${field.name} value=${value} onChange=${set}><option value="">all</option>${(field.options ?? []).map((o) => html`<option value=${o}>${words(o)}</option>`)}</select>`;
      case 'bool':
        return html`<select name=${field.name} value=${value} onChange=${set}><option value="">${field.name === 'archived' ? 'no' : 'all'}</option><option value="true">yes</option>${field.name !== 'archived' && html`<option value="false">no</option>`}</select>`;
      case 'user':
        return html`<select name=${field.name} value=${value} onChange=${set}><option value="">anyone</option>${(people.data ?? []).map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select>`;
      case 'record': {
        const picked: FoundRecord | null = value ? (titles.get(value) ?? { type: field.types?.[0] ?? 'record', id: value, title: '…' }) : null;
        return html`<${RecordPicker} types=${field.types ?? ['company']} name=${field.name} label=${field.label} value=${picked}
          onChange=${(r: FoundRecord | null) => setQuery({ [field.name]: r?.id ?? null, page: null })} />`;
      }
      default:
        return html`<input name=${field.name} type=${field.input === 'number' ? 'number' : field.input === 'date' ? 'date' : 'text'} value=${value} onChange=${set} />`;
    }
  };

  const actions = html`
    ${isExportable(kind.list) && html`<span class="crm-export" data-testid="export-links">Export
      <a href=${exportUrl(kind.list, filters, 'csv')} download data-testid="export-csv">CSV</a>
      <a href=${exportUrl(kind.list, filters, 'xlsx')} download data-testid="export-xlsx">XLSX</a></span>`}
    ${canWrite(user) && html`<button type="button" class="primary" data-testid="new-record" onClick=${() => setCreating(true)}>New ${kind.label.toLowerCase()}</button>`}`;
  return html`<${Section} title=${kind.plural} actions=${actions}>
    <div class="filters" data-testid="list-filters">
      ${kind.filters.map((field) => html`<label>${field.label} ${filterControl(field)}</label>`)}
      ${Object.keys(filters).length > 0 && html`<button type="button" class="link" onClick=${() => navigate(`/crm/${kind.list}`)}>Clear filters</button>`}
    </div>
    <${SavedViewsBar} list=${kind.list} current=${filters} />
    <${ErrorNote} error=${list.error} />
    <table data-testid="record-list" class=${list.loading ? 'loading' : ''}>
      <thead><tr>${kind.columns.map(header)}</tr></thead>
      <tbody>${items.map((item) => html`<tr data-record-id=${item.id}>${kind.columns.map((column) => cell(item, column))}</tr>`)}</tbody>
    </table>
    ${data && data.total === 0 && html`<p class="muted" data-testid="no-records">No ${kind.plural.toLowerCase()} match.</p>`}
    ${data && data.total > 0 && html`<div class="toolbar pager">
      <button type="button" disabled=${page <= 1} onClick=${() => setQuery({ page: String(page - 1) })}>Previous</button>
      <span class="status" data-testid="list-range">${(page - 1) * data.pageSize + 1}–${Math.min(page * data.pageSize, data.total)} of ${data.total}</span>
      <button type="button" disabled=${page >= last} onClick=${() => setQuery({ page: String(page + 1) })}>Next</button>
    </div>`}
    ${creating && html`<${CreateDialog} kind=${kind} people=${people.data ?? []} onClose=${() => setCreating(false)}
      onCreated=${(record: CrmRecord) => { setCreating(false); if (kind.hasCard) navigate(href(`/crm/${kind.list}/${record.id}`)); else list.reload(); }} />`}
  <//>`;
}
