import { html } from '../../../app/html';
import { setQuery } from '../../../app/router';
import type { SessionUser } from '../../../app/session';
import { teams, users, type CrmUser, type Team } from '../../../api/admin';
import { useLoad } from '../../../components/common';
import { BUCKETS, type FilterName, type ReportFilters } from './report-query';

export interface Choices {
  readonly people: readonly CrmUser[];
  readonly teams: readonly Team[];
}

const OWNER_ROLES = ['manager', 'head', 'director'];

/**
 * The people and teams the pickers offer: only those whose numbers the user may see (a manager
 * themselves, a head their team); the server narrows the reports in any case.
 */
export function useChoices(user: SessionUser): { choices: Choices; error: string | null } {
  const people = useLoad(() => users.list({ pageSize: 200, active: 'true' }), []);
  const teamList = useLoad(() => teams.list(), []);
  const all = (people.data?.items ?? []).filter((u) => OWNER_ROLES.includes(u.role));
  const allTeams = teamList.data?.items ?? [];
  const ownTeam = allTeams.filter((t) => t.name === user.team?.name);
  const choices: Choices =
    user.role === 'manager'
      ? { people: all.filter((u) => u.id === user.id), teams: ownTeam }
      : user.role === 'head'
        ? { people: all.filter((u) => ownTeam.some((t) => t.id === u.teamId)), teams: ownTeam }
        : { people: all, teams: allTeams };
  return { choices, error: people.error ?? teamList.error };
}

/** the filter bar: each change goes into the URL (replacing the entry), which reloads the report */
export function FilterBar({ filters, used, choices }: { filters: ReportFilters; used: readonly FilterName[]; choices: Choices }) {
  const set = (name: string) => (e: Event) => setQuery({ [name]: (e.target as HTMLInputElement | HTMLSelectElement).value });
  const uses = (name: FilterName) => used.includes(name);
  const missing = (id: string | null, known: readonly { id: string }[]) => (id && !known.some((k) => k.id === id) ? html`<option value=${id}>(not in your list)</option>` : null);
  return html`<div class="filters report-filters" data-testid="report-filters">
    ${uses('period') && html`
      <label>From <input type="date" name="from" value=${filters.from ?? ''} max=${filters.to ?? undefined} onChange=${set('from')} /></label>
      <label>To (included) <input type="date" name="to" value=${filters.to ?? ''} min=${filters.from ?? undefined} onChange=${set('to')} /></label>`}
    ${uses('owner') && html`<label>Manager <select name="owner" value=${filters.owner ?? ''} onChange=${set('owner')}>
      <option value="">everyone</option>${missing(filters.owner, choices.people)}${choices.people.map((u) => html`<option value=${u.id}>${u.name}</option>`)}
    </select></label>`}
    ${uses('team') && html`<label>Team <select name="team" value=${filters.team ?? ''} onChange=${set('team')}>
      <option value="">all teams</option>${missing(filters.team, choices.teams)}${choices.teams.map((t) => html`<option value=${t.id}>${t.name}</option>`)}
    </select></label>`}
    ${uses('bucket') && html`<label>Per <select name="bucket" value=${filters.bucket ?? ''} onChange=${set('bucket')}>
      <option value="">whole period</option>${BUCKETS.map((b) => html`<option value=${b}>${b}</option>`)}
    </select></label>`}
    ${((uses('period') && (filters.from || filters.to)) || (uses('owner') && filters.owner) || (uses('team') && filters.team) || (uses('bucket') && filters.bucket)) &&
      html`<button type="button" class="link" data-testid="clear-filters" onClick=${() => setQuery({ from: null, to: null, owner: null, team: null, bucket: null })}>Clear</button>`}
  </div>`;
}
