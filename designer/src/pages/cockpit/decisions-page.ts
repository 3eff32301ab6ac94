import { html } from '../../app/html';
import { href, linkTo, setQuery } from '../../app/router';
import { decisions, evaluations } from '../../api/decisions';
import type { DecisionDefinition } from '../../api/engine-types';
import type { Deployment } from '../../api/engine-types';
import { formatDate } from '../../api/variables';
import { ErrorNote, Section, useLoad } from '../../components/common';
import { Truncated } from '../../components/text';

/** by name (or key), then newest version first */
const byNameThenVersion = (a: DecisionDefinition, b: DecisionDefinition) =>
  (a.name ?? a.key).localeCompare(b.name ?? b.key) || a.key.localeCompare(b.key) || b.version - a.version;

/** Every deployed decision version with its deployment and how often it was evaluated (all versions, or those of one key). */
export function DecisionsPage({ query }: { query: URLSearchParams }) {
  const key = query.get('key');
  const loaded = useLoad(async () => {
    const list = (await decisions.list(key ? { key } : {})).sort(byNameThenVersion);
    const deploymentIds = [...new Set(list.map((d) => d.deploymentId))];
    const [counts, deployments] = await Promise.all([
      Promise.all(list.map((d) => evaluations.count({ decisionDefinitionId: d.id }))),
      Promise.all(deploymentIds.map((id) => decisions.deployment(id).catch(() => null))),
    ]);
    return {
      list,
      counts: new Map(list.map((d, i) => [d.id, counts[i]!])),
      deployments: new Map(deployments.filter((d): d is Deployment => d !== null).map((d) => [d.id, d])),
    };
  }, [key]);
  const rows = loaded.data?.list ?? [];
  return html`<${Section} title="Decision definitions" actions=${html`<button type="button" onClick=${loaded.reload}>Refresh</button>`}>
    ${key && html`<div class="filters"><label>Decision key <span><code>${key}</code> <button type="button" class="link" aria-label="Any decision" onClick=${() => setQuery({ key: null })}>✕</button></span></label></div>`}
    <${ErrorNote} error=${loaded.error} />
    <table data-testid="decisions">
      <thead><tr><th>Decision</th><th>Key</th><th>Version</th><th>Version tag</th><th>Deployment</th><th>Evaluations</th></tr></thead>
      <tbody>${rows.map((d) => {
        const page = href('/cockpit/decision', { id: d.id });
        const deployment = loaded.data!.deployments.get(d.deploymentId);
        return html`<tr data-decision=${d.key} data-version=${d.version}>
          <td><a href=${page} onClick=${linkTo(page)}><${Truncated} text=${d.name ?? d.key} /></a></td>
          <td><code><${Truncated} text=${d.key} /></code></td>
          <td>v${d.version}</td>
          <td>${d.versionTag ?? ''}</td>
          <td title=${d.deploymentId}>${deployment ? html`<${Truncated} text=${deployment.name ?? d.deploymentId} /> <span class="muted">${formatDate(deployment.deploymentTime)}</span>` : html`<code>${d.deploymentId.slice(0, 8)}</code>`}</td>
          <td data-testid="evaluation-count">${loaded.data!.counts.get(d.id) ?? 0}</td>
        </tr>`;
      })}</tbody>
    </table>
    ${loaded.data && rows.length === 0 && html`<p class="muted" data-testid="no-decisions">${key ? `No decision with key ${key} is deployed.` : 'No decisions deployed yet: deploy a .dmn file with the designer or POST /engine-rest/deployment/create.'}</p>`}
  <//>`;
}
