import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { href, linkTo, setQuery } from '../../app/router';
import { definitions, history } from '../../api/engine';
import { formatDate } from '../../api/variables';
import { ErrorNote, Section, errorText, useLoad } from '../../components/common';
import { RecordTitleCell, useRecordTitles } from '../../components/record-title';
import { Truncated } from '../../components/text';
import { BatchDialog, type BatchKind, type InstanceScope } from './batch-dialog';
import { instanceQuery, STATES } from './instance-filter';

/** Instances by definition, state, business key, dates and variable conditions; batches over the filter. */
export function InstancesPage({ query }: { query: URLSearchParams }) {
  const params = instanceQuery(query);
  const list = useLoad(() => history.instances({ ...params, sortBy: 'startTime', sortOrder: 'desc', maxResults: 200 }), [JSON.stringify(params)]);
  const defs = useLoad(() => definitions.list({ maxResults: 1000 }), []);
  const records = useRecordTitles((list.data ?? []).map((i) => i.businessKey));
  const [batch, setBatch] = useState<{ kind: BatchKind; scope: InstanceScope; count: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const filter = (name: string) => (e: Event) => setQuery({ [name]: (e.target as HTMLInputElement).value });

  const openBatch = async (kind: BatchKind) => {
    try {
      const scope = kind === 'retry' ? { ...params, withIncidents: true, unfinished: true } : { ...params, unfinished: true };
      setBatch({ kind, scope, count: await history.countInstances(scope) });
    } catch (e) {
      setError(errorText(e));
    }
  };

  return html`<${Section} title="Process instances" actions=${html`
      <button type="button" data-testid="batch-retry" onClick=${() => openBatch('retry')}>Retry incidents…</button>
      <button type="button" class="danger" data-testid="batch-cancel" onClick=${() => openBatch('cancel')}>Cancel…</button>`}>
    <div class="filters">
      <label>Definition <select value=${query.get('definition') ?? ''} onChange=${filter('definition')}><option value="">all</option>
        ${(defs.data ?? []).map((d) => html`<option value=${d.id} title=${d.key}>${d.name ?? d.key} v${d.version}</option>`)}</select></label>
      ${query.get('key') && html`<label>Process key <span><code>${query.get('key')}</code> <button type="button" class="link" aria-label="Any process" onClick=${() => setQuery({ key: null })}>✕</button></span></label>`}
      <label>State <select name="state" value=${query.get('state') ?? 'all'} onChange=${filter('state')}>
        ${Object.entries(STATES).map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></label>
      <label>Business key / record <input name="businessKey" value=${query.get('businessKey') ?? ''} onChange=${filter('businessKey')} /></label>
      <label>Started after <input type="datetime-local" value=${query.get('startedAfter') ?? ''} onChange=${filter('startedAfter')} /></label>
      <label>Started before <input type="datetime-local" value=${query.get('startedBefore') ?? ''} onChange=${filter('startedBefore')} /></label>
      <label>Variables <input name="variables" placeholder="amount >= 1000, stage = won" value=${query.get('variables') ?? ''} onChange=${filter('variables')} /></label>
    </div>
    <${ErrorNote} error=${error ?? list.error} />
    <table data-testid="instances">
      <thead><tr><th>Instance</th><th>Process</th><th>Record (business key)</th><th>State</th><th>Started</th><th>Ended</th></tr></thead>
      <tbody>${(list.data ?? []).map((i) => {
        const link = href('/cockpit/instance', { id: i.id });
        return html`<tr data-instance-id=${i.id} data-state=${i.state}>
          <td><a href=${link} onClick=${linkTo(link)}><code>${i.id.slice(0, 8)}</code></a></td>
          <td><${Truncated} text=${i.processDefinitionName ?? i.processDefinitionKey} /> v${i.processDefinitionVersion}</td>
          <td><${RecordTitleCell} businessKey=${i.businessKey} records=${records} /></td>
          <td><span class=${`pill ${i.state}`}>${i.state}</span></td>
          <td>${formatDate(i.startTime)}</td>
          <td>${formatDate(i.endTime)}</td>
        </tr>`;
      })}</tbody>
    </table>
    ${list.data?.length === 0 && html`<p class="muted">No instance matches.</p>`}
    ${batch && html`<${BatchDialog} kind=${batch.kind} scope=${batch.scope} count=${batch.count}
      onClose=${() => { setBatch(null); list.reload(); }} />`}
  <//>`;
}
