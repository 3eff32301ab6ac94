import { useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { href, linkTo } from '../../../app/router';
import type { SessionUser } from '../../../app/session';
import { recordTitles } from '../../../api/crm';
import { ErrorNote, Section, errorText, useLoad } from '../../../components/common';
import { TimeLeft, useNow } from './time-left';
import { activitiesApi, cardPath, complaintsApi, leadsApi, tasksApi, type Activity } from './work-api';

/** complaints due within this many hours count as soon due */
const SOON_HOURS = 24;

function endOfToday(): string {
  const end = new Date();
  end.setHours(24, 0, 0, 0);
  return end.toISOString();
}

/** my open activities due by tonight (the overdue ones first), with the titles of their records */
async function loadActivities(userId: string) {
  const page = await activitiesApi.list({ ownerId: userId, done: false, dueBefore: endOfToday(), sort: 'dueAt', pageSize: 100 });
  return { ...page, records: await recordTitles(page.items.map((a) => a.recordId)) };
}

async function loadComplaints(userId: string) {
  const soon = new Date(Date.now() + SOON_HOURS * 3600_000).toISOString();
  const page = await complaintsApi.list({ assigneeId: userId, open: true, slaDueBefore: soon, sort: 'slaDueAt', pageSize: 50 });
  return { ...page, companies: await recordTitles(page.items.map((c) => c.companyId)) };
}

const count = (loaded: { data: { total: number } | null }) => (loaded.data ? ` (${loaded.data.total})` : '');
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' }) : '');

/** My day: my tasks, my overdue and today's activities, my new leads and my complaints close to or past their SLA. */
export function MyDay({ user }: { user: SessionUser }) {
  const tasks = useLoad(() => tasksApi.mine(user.id), [user.id]);
  const activities = useLoad(() => loadActivities(user.id), [user.id]);
  const leads = useLoad(() => leadsApi.list({ ownerId: user.id, status: 'new', sort: '-createdAt', pageSize: 50 }), [user.id]);
  const complaints = useLoad(() => loadComplaints(user.id), [user.id]);
  const now = useNow(30_000);
  const [error, setError] = useState<string | null>(null);

  const markDone = async (activity: Activity) => {
    try {
      await activitiesApi.markDone(activity.id);
      setError(null);
      activities.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const recordLink = (type: string, id: string, title: string) => html`<a href=${cardPath(type, id)} onClick=${linkTo(cardPath(type, id))}>${title}</a>`;
  const empty = (text: string) => html`<p class="muted small">${text}</p>`;

  return html`<div class="my-day" data-testid="my-day">
    <h1>My day</h1>
    <${ErrorNote} error=${error} />
    <div class="my-day-grid">
      <${Section} title=${`My tasks${count(tasks)}`}>
        <${ErrorNote} error=${tasks.error} />
        <ul class="work-list" data-testid="my-tasks">${(tasks.data?.items ?? []).map((t) => html`<li data-testid="my-task">
          <a href=${href('/tasklist', { task: t.id })} onClick=${linkTo(href('/tasklist', { task: t.id }))}>${t.name}</a>
          ${t.record && html` <span class="muted small">· ${t.record.title}</span>`}
          ${t.due && html` <span class=${`small ${new Date(t.due).getTime() < now ? 'breached' : 'muted'}`}>due ${when(t.due)}</span>`}
        </li>`)}</ul>
        ${tasks.data?.total === 0 && empty('No open task is assigned to you.')}
      <//>
      <${Section} title=${`My activities due today${count(activities)}`}>
        <${ErrorNote} error=${activities.error} />
        <ul class="work-list" data-testid="my-activities">${(activities.data?.items ?? []).map((a) => {
          const record = a.recordId ? activities.data?.records.get(a.recordId) : undefined;
          return html`<li data-testid="my-activity" data-overdue=${String(a.overdue)} class=${a.overdue ? 'overdue' : ''}>
            <span class="pill">${a.kind}</span> <strong>${a.subject}</strong>
            ${record && html` <span class="muted small">· ${recordLink(record.type, record.id, record.title)}</span>`}
            <span class=${`small ${a.overdue ? 'breached' : 'muted'}`}>${a.overdue ? 'overdue since' : 'due'} ${when(a.dueAt)}</span>
            <button type="button" class="link" data-testid="activity-done" onClick=${() => markDone(a)}>Mark done</button>
          </li>`;
        })}</ul>
        ${activities.data?.total === 0 && empty('Nothing due today.')}
      <//>
      <${Section} title=${`My new leads${count(leads)}`}>
        <${ErrorNote} error=${leads.error} />
        <ul class="work-list" data-testid="my-leads">${(leads.data?.items ?? []).map((l) => html`<li data-testid="my-lead">
          ${recordLink('lead', l.id, l.companyName ? `${l.personName} (${l.companyName})` : l.personName)}
          ${l.estimatedAmount !== null && html` <span class="muted small">· ${l.estimatedAmount.toLocaleString('en')} ${l.currency}</span>`}
          <span class="muted small"> · ${l.source.replace(/_/g, ' ')}, ${when(l.createdAt)}</span>
        </li>`)}</ul>
        ${leads.data?.total === 0 && empty('No new lead waits for you.')}
      <//>
      <${Section} title=${`My complaints breached or due within ${SOON_HOURS} h${count(complaints)}`}>
        <${ErrorNote} error=${complaints.error} />
        <ul class="work-list" data-testid="my-complaints">${(complaints.data?.items ?? []).map((c) => html`<li data-testid="my-complaint">
          ${recordLink('complaint', c.id, complaints.data?.companies.get(c.companyId)?.title ?? 'complaint')}
          <span class=${`pill priority-${c.priority}`}>${c.priority}</span> <${TimeLeft} due=${c.slaDueAt} now=${now} />
        </li>`)}</ul>
        ${complaints.data?.total === 0 && empty('No complaint of yours is close to its SLA.')}
      <//>
    </div>
  </div>`;
}
