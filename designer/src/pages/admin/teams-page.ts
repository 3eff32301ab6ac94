import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { teams } from '../../api/admin';
import { ErrorNote, Section, errorText, useLoad } from '../../components/common';
import { activeUsers } from '../../api/account';
import { setQuery } from '../../app/router';
import { TeamCalendarEditor } from './team-calendar-editor';

const KINDS = ['sales', 'service'] as const;

/** The teams (sales or service: the team kind is also a candidate group) with their heads and working calendars (`?calendar=<team id>`); a new team. */
export function TeamsPage({ query }: { query: URLSearchParams }) {
  const calendarOf = query.get('calendar');
  const list = useLoad(teams.list, []);
  const everyone = useLoad(activeUsers, []);
  const people = new Map((everyone.data ?? []).map((u) => [u.id, u.name]));
  const [headId, setHeadId] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('sales');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return setError('Enter the name of the team');
    setBusy(true);
    try {
      await teams.create({ name: name.trim(), kind, headId: headId || null });
      setName('');
      setHeadId('');
      setError(null);
      list.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return html`<${Section} title="Teams">
    <${ErrorNote} error=${list.error} />
    <table data-testid="teams">
      <thead><tr><th>Team</th><th>Kind</th><th>Head</th><th>Working hours</th></tr></thead>
      <tbody>${(list.data?.items ?? []).map((t) => html`<tr data-team-id=${t.id}>
        <td><strong>${t.name}</strong></td>
        <td>${t.kind}</td>
        <td>${t.headId ? (people.get(t.headId) ?? html`<span class="muted">a deactivated user</span>`) : html`<span class="muted">—</span>`}</td>
        <td><button type="button" data-testid="edit-calendar" onClick=${() => setQuery({ calendar: t.id })}>Calendar</button></td>
      </tr>`)}</tbody>
    </table>
    ${calendarOf && html`<${TeamCalendarEditor} key=${calendarOf} teamId=${calendarOf}
      teamName=${list.data?.items.find((t) => t.id === calendarOf)?.name ?? 'the team'} onClose=${() => setQuery({ calendar: null })} />`}
    <form class="filters" data-testid="team-form" noValidate onSubmit=${create}>
      <label>New team <input name="team-name" value=${name} onInput=${(e: Event) => setName((e.target as HTMLInputElement).value)} /></label>
      <label>Kind <select value=${kind} onChange=${(e: Event) => setKind((e.target as HTMLSelectElement).value)}>${KINDS.map((k) => html`<option value=${k}>${k}</option>`)}</select></label>
      <label>Head <select value=${headId} onChange=${(e: Event) => setHeadId((e.target as HTMLSelectElement).value)}>
        <option value="">none yet</option>${(everyone.data ?? []).filter((u) => u.role === 'head').map((u) => html`<option value=${u.id}>${u.name}</option>`)}
      </select></label>
      <button type="submit" disabled=${busy}>Add team</button>
    </form>
    <${ErrorNote} error=${error} />
  <//>`;
}
