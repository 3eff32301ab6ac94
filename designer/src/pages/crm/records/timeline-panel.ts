import { useEffect, useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { timelinePage, type WideTimelineEntry } from '../../../api/crm-records';
import { ErrorNote, Section, errorText } from '../../../components/common';
import { actorName, fieldLabel } from '../../../model/timeline-text';
import { recordLink } from './field-values';
import { words } from './record-kinds';

/** what happened, in a line: a change with its fields, an activity, a process step (an approval by its task's name) */
function entryText(entry: WideTimelineEntry): string {
  const d = entry.detail;
  switch (entry.kind) {
    case 'change': {
      const fields = Object.keys(d).map((field) => fieldLabel(entry.about.type, field));
      return `${words(entry.what)}${fields.length > 0 ? `: ${fields.join(', ')}` : ''}`;
    }
    case 'activity':
      return `${entry.what}: ${String(d['subject'] ?? '')}${d['done'] ? ' (done)' : d['dueAt'] ? ` (due ${new Date(String(d['dueAt'])).toLocaleString()})` : ''}`;
    case 'process':
      return `${entry.what}: ${String(d['step'] ?? '')} — ${d['endedAt'] ? (d['canceled'] ? 'canceled' : 'done') : 'in progress'}`;
  }
}

/** the records whose timelines gather their related records' history (the server's timeline-360.ts), and what they gather */
const WIDE_VIEWS: Readonly<Record<string, string>> = {
  company: 'the company and its contacts, deals, leads, complaints',
  contact: 'the contact and their deals, converted leads, complaints',
};

/**
 * The record's timeline, newest first, a page at a time ("Older" asks for the next); a company's
 * or contact's is its 360° view: with its related records' history, each line naming the record
 * it is about.
 */
export function TimelinePanel({ list, type, id, version }: { list: string; type: string; id: string; version: number }) {
  const wide = WIDE_VIEWS[type];
  const [entries, setEntries] = useState<WideTimelineEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const load = async (before: string | null) => {
    setLoading(true);
    try {
      const page = await timelinePage(list, id, before);
      setEntries((shown) => (before ? [...shown, ...page.entries] : page.entries));
      setNext(page.next);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(null), [list, id, version]);
  return html`<${Section} title=${wide ? `Timeline (360°: ${wide})` : 'Timeline'}>
    <${ErrorNote} error=${error} />
    <ol class="crm-timeline" data-testid="timeline">
      ${entries.map((entry) => html`<li class=${`crm-timeline-entry ${entry.kind}`} data-kind=${entry.kind} data-about=${entry.about.type}>
        <time datetime=${entry.at}>${new Date(entry.at).toLocaleString()}</time>
        <span class="crm-timeline-who">${actorName(entry.who) ?? (entry.detail['stepType'] === 'userTask' ? html`<span class="muted">not claimed yet</span>` : 'the system')}</span>
        <span class="crm-timeline-what">${entryText(entry)}</span>
        ${wide && entry.about.id !== id && html`<span class="crm-timeline-about"><small class="muted">${entry.about.type}</small> ${recordLink(entry.about)}</span>`}
      </li>`)}
    </ol>
    ${!loading && entries.length === 0 && html`<p class="muted">Nothing has happened yet.</p>`}
    ${next && html`<button type="button" data-testid="timeline-older" disabled=${loading} onClick=${() => load(next)}>Older</button>`}
  <//>`;
}
