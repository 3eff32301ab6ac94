import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { incidents as incidentsApi, jobs } from '../../api/engine';
import type { HistoricIncident, Incident } from '../../api/engine-types';
import { formatDate } from '../../api/variables';
import { ErrorNote, errorText } from '../../components/common';
import type { ModdleNode } from '../../model/definition-model';

interface Props {
  readonly open: readonly Incident[];
  readonly past: readonly HistoricIncident[];
  /** the definition's elements, to name an incident's element as the diagram does */
  readonly elements: ReadonlyMap<string, ModdleNode>;
  readonly onRetried: (incident: Incident) => void;
}

/** Open incidents with message, details and retry; resolved ones below. Elements by name (the id on hover). */
export function IncidentsPanel({ open, past, elements, onRetried }: Props) {
  const element = (id: string | null) => html`<span class="element-name" title=${id ?? ''}>${(id && elements.get(id)?.name) || id || 'the process'}</span>`;
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<Record<string, string>>({});
  const retry = async (incident: Incident) => {
    try {
      await incidentsApi.retry(incident);
      setError(null);
      onRetried(incident);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const showDetails = async (incident: Incident) => {
    const text = incident.incidentType === 'failedJob' && incident.configuration
      ? await jobs.stacktrace(incident.configuration).catch((e: Error) => e.message)
      : (incident.incidentMessage ?? '');
    setDetails((d) => ({ ...d, [incident.id]: String(text || 'no details recorded') }));
  };
  const resolved = past.filter((p) => !p.open);
  return html`<div data-testid="incidents">
    <${ErrorNote} error=${error} />
    ${open.length === 0 && html`<p class="muted">No open incidents.</p>`}
    ${open.map((incident) => html`<div class="panel incident" data-incident-id=${incident.id}>
      <strong>${element(incident.activityId)}</strong> <span class="pill incident">${incident.incidentType}</span> <small class="muted">${formatDate(incident.incidentTimestamp)}</small>
      <p class="incident-message">${incident.incidentMessage ?? 'no message'}</p>
      ${details[incident.id] && html`<pre class="details">${details[incident.id]}</pre>`}
      <div class="outcomes">
        <button type="button" class="primary" data-testid="retry-incident" onClick=${() => retry(incident)}>Retry</button>
        <button type="button" onClick=${() => showDetails(incident)}>Details</button>
      </div>
    </div>`)}
    ${resolved.length > 0 && html`<h3>Resolved</h3><ul>${resolved.map((p) => html`<li>${element(p.activityId)}: ${p.incidentMessage ?? ''} <small class="muted">${formatDate(p.createTime)} – ${formatDate(p.endTime)}</small></li>`)}</ul>`}
  </div>`;
}
