import { html } from '../../../app/html';
import { setQuery } from '../../../app/router';
import { useLoad } from '../../../components/common';
import { COMPLAINT_PRIORITIES, teamsApi } from './work-api';

export type WorkFilterField = 'owner' | 'assignee' | 'team' | 'min' | 'max' | 'q' | 'priority' | 'status';

const OPEN_STATUSES = ['new', 'in_progress', 'waiting_for_customer'];

/** the filters of the board and the desk, each a query parameter of the URL (a change goes back to page 1) */
export function WorkFilters({ query, people, fields }: { query: URLSearchParams; people: ReadonlyMap<string, string>; fields: readonly WorkFilterField[] }) {
  const teams = useLoad(teamsApi.list, []);
  const set = (name: string) => (e: Event) => setQuery({ [name]: (e.target as HTMLInputElement).value, page: null });
  const byName = [...people.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const person = (name: 'owner' | 'assignee', label: string) => html`<label>${label}
    <select name=${name} data-testid=${`filter-${name}`} value=${query.get(name) ?? ''} onChange=${set(name)}>
      <option value="">anyone</option>${byName.map(([id, n]) => html`<option value=${id}>${n}</option>`)}
    </select></label>`;
  const render: Record<WorkFilterField, () => unknown> = {
    owner: () => person('owner', 'Owner'),
    assignee: () => person('assignee', 'Assignee'),
    team: () => html`<label>Team <select name="team" data-testid="filter-team" value=${query.get('team') ?? ''} onChange=${set('team')}>
      <option value="">all</option>${(teams.data?.items ?? []).map((t) => html`<option value=${t.id}>${t.name}</option>`)}</select></label>`,
    min: () => html`<label>Amount from <input name="min" type="number" min="0" data-testid="filter-min" value=${query.get('min') ?? ''} onChange=${set('min')} /></label>`,
    max: () => html`<label>Amount up to <input name="max" type="number" min="0" data-testid="filter-max" value=${query.get('max') ?? ''} onChange=${set('max')} /></label>`,
    q: () => html`<label>Title starts with <input name="q" data-testid="filter-q" value=${query.get('q') ?? ''} onChange=${set('q')} /></label>`,
    priority: () => html`<label>Priority <select name="priority" data-testid="filter-priority" value=${query.get('priority') ?? ''} onChange=${set('priority')}>
      <option value="">all</option>${COMPLAINT_PRIORITIES.map((p) => html`<option value=${p}>${p}</option>`)}</select></label>`,
    status: () => html`<label>Status <select name="status" data-testid="filter-status" value=${query.get('status') ?? ''} onChange=${set('status')}>
      <option value="">all open</option>${OPEN_STATUSES.map((s) => html`<option value=${s}>${s.replace(/_/g, ' ')}</option>`)}</select></label>`,
  };
  return html`<div class="filters" data-testid="work-filters">${fields.map((f) => render[f]())}</div>`;
}
