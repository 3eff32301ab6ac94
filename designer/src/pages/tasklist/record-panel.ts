import { html } from '../../app/html';
import { loadRecord, recordCandidates, type RecordLoad } from '../../api/crm';
import type { VariableMap } from '../../api/engine-types';
import { formatDate } from '../../api/variables';
import { Section, useLoad } from '../../components/common';

const shown = (value: unknown) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The CRM record behind the process (business key or `<type>Id` variable) and its timeline. */
export function RecordPanel({ businessKey, variables, processKey }: { businessKey: string | null; variables: VariableMap; processKey: string | null }) {
  const candidates = recordCandidates(businessKey, variables, processKey);
  const load = useLoad<RecordLoad | null>(() => (candidates.length ? loadRecord(candidates) : Promise.resolve(null)), [JSON.stringify(candidates)]);
  const title = load.data?.state === 'loaded' ? `CRM ${load.data.ref.type}: ${String(load.data.record['title'] ?? load.data.record['name'] ?? load.data.ref.id)}` : 'CRM record';
  return html`<${Section} title=${title}>
    <div data-testid="record-panel">
      ${candidates.length === 0 && html`<p class="muted">No CRM record is linked (business key ${businessKey ?? 'none'}).</p>`}
      ${load.data?.state === 'unavailable' && html`<p class="muted">${load.data.reason}</p>`}
      ${load.data?.state === 'loaded' && html`<div>
        <dl class="record">${Object.entries(load.data.record).filter(([k, v]) => k !== "id" && (v === null || typeof v !== "object")).slice(0, 8).map(([k, v]) => html`<dt>${k}</dt><dd>${shown(v)}</dd>`)}</dl>
        <h3>Timeline</h3>
        <ul class="timeline">${load.data.timeline.map((e) => html`<li><strong>${e.title}</strong><small>${formatDate(e.at) || e.at}</small>${e.detail && html`<div>${e.detail}</div>`}</li>`)}</ul>
        ${load.data.timeline.length === 0 && html`<p class="muted">Nothing on the timeline yet.</p>`}
      </div>`}
    </div>
  <//>`;
}
