import { useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { linkTo, setQuery, type Route } from '../../../app/router';
import type { SessionUser } from '../../../app/session';
import { recordTitles } from '../../../api/crm';
import { ErrorNote, Section, errorText, useLoad } from '../../../components/common';
import { usePeople } from '../../../components/people';
import { TextPromptDialog } from './text-prompt-dialog';
import { TimeLeft, useNow } from './time-left';
import { WorkFilters } from './work-filters';
import { cardPath, complaintsApi, type Complaint } from './work-api';

const PAGE_SIZE = 25;

/** the desk's filters, kept in the URL */
function filtersOf(query: URLSearchParams) {
  return {
    assigneeId: query.get('assignee'),
    teamId: query.get('team'),
    priority: query.get('priority'),
    status: query.get('status'),
    page: Math.max(1, Number(query.get('page')) || 1),
  };
}

/** open complaints by SLA due time (breached ones first), with their companies' names */
async function loadQueue(filters: ReturnType<typeof filtersOf>) {
  const page = await complaintsApi.list({ ...filters, open: true, sort: 'slaDueAt', pageSize: PAGE_SIZE });
  const companies = await recordTitles(page.items.map((c) => c.companyId));
  return { ...page, companies };
}

/** The complaints desk: the service's queue of open complaints, most urgent first; take, resolve, open. */
export function ComplaintsDesk({ route, user }: { route: Route; user: SessionUser }) {
  const filters = filtersOf(route.query);
  const queue = useLoad(() => loadQueue(filters), [JSON.stringify(filters)]);
  const people = usePeople();
  const now = useNow();
  const [resolving, setResolving] = useState<Complaint | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const company = (c: Complaint) => queue.data?.companies.get(c.companyId)?.title ?? 'company not visible';
  const take = async (c: Complaint) => {
    try {
      await complaintsApi.take(c.id, user.id);
      setMessage(`You took the complaint of ${company(c)}`);
      setError(null);
      queue.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const data = queue.data;
  const last = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const row = (c: Complaint) => {
    const paused = c.status === 'waiting_for_customer';
    const breached = !paused && new Date(c.slaDueAt).getTime() < now;
    return html`<tr data-testid="desk-row" data-complaint-id=${c.id} class=${breached ? 'breached-row' : ''}>
      <td>${paused ? html`<span class="time-left" data-testid="time-left" title="the SLA clock stops while the complaint waits for the customer">SLA paused</span>` : html`<${TimeLeft} due=${c.slaDueAt} now=${now} />`}</td>
      <td><span class=${`pill priority-${c.priority}`}>${c.priority}</span></td>
      <td data-testid="desk-company"><a href=${cardPath('company', c.companyId)} onClick=${linkTo(cardPath('company', c.companyId))}>${company(c)}</a>
        <div class="muted small desk-description" title=${c.description}>${c.type.replace(/_/g, ' ')}: ${c.description}</div></td>
      <td data-testid="desk-assignee">${c.assigneeId ? (people.get(c.assigneeId) ?? 'former user') : html`<span class="muted">nobody</span>`}</td>
      <td>${c.escalationLevel > 0 ? html`<span class="pill warn-pill" title="escalation level">level ${c.escalationLevel}</span>` : html`<span class="muted">—</span>`}</td>
      <td>${c.status.replace(/_/g, ' ')}</td>
      <td><div class="outcomes">
        ${c.assigneeId !== user.id && html`<button type="button" data-testid="desk-take" onClick=${() => take(c)}>Take</button>`}
        <button type="button" class="primary" data-testid="desk-resolve" onClick=${() => setResolving(c)}>Resolve</button>
        <a href=${cardPath('complaint', c.id)} onClick=${linkTo(cardPath('complaint', c.id))} data-testid="desk-open">Open</a>
      </div></td>
    </tr>`;
  };

  return html`<${Section} title=${`Complaints desk${data ? ` (${data.total})` : ''}`}>
    <${WorkFilters} query=${route.query} people=${people} fields=${['assignee', 'team', 'priority', 'status']} />
    ${message && html`<p class="message" role="status" data-testid="desk-message">${message}</p>`}
    <${ErrorNote} error=${error ?? queue.error} />
    <table data-testid="desk">
      <thead><tr><th>Time left</th><th>Priority</th><th>Company</th><th>Assignee</th><th>Escalation</th><th>Status</th><th></th></tr></thead>
      <tbody>${(data?.items ?? []).map(row)}</tbody>
    </table>
    ${data && data.total === 0 && html`<p class="muted" data-testid="desk-empty">The desk is clear: no open complaint matches.</p>`}
    ${data && data.total > data.pageSize && html`<div class="toolbar pager">
      <button type="button" disabled=${filters.page <= 1} onClick=${() => setQuery({ page: String(filters.page - 1) })}>Previous</button>
      <span class="status">${(filters.page - 1) * data.pageSize + 1}–${Math.min(filters.page * data.pageSize, data.total)} of ${data.total}</span>
      <button type="button" disabled=${filters.page >= last} onClick=${() => setQuery({ page: String(filters.page + 1) })}>Next</button>
    </div>`}
    ${resolving && html`<${TextPromptDialog} title=${`Resolve the complaint of ${company(resolving)}`} label="Resolution" confirmLabel="Resolve" testId="resolve-dialog"
      onSubmit=${async (resolution: string) => {
        await complaintsApi.resolve(resolving.id, resolution);
        setMessage(`Resolved the complaint of ${company(resolving)}`);
        queue.reload();
      }}
      onClose=${() => setResolving(null)} />`}
  <//>`;
}
