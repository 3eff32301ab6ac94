import { html } from '../../app/html';
import { href, linkTo } from '../../app/router';
import { definitions } from '../../api/engine';
import { ErrorNote, Section, useLoad } from '../../components/common';

const incidentCount = (s: { incidents: { incidentCount: number }[] }) => s.incidents.reduce((n, i) => n + i.incidentCount, 0);

/** Every deployed version with its running instances and open incidents. */
export function DefinitionsPage() {
  const stats = useLoad(() => definitions.statistics(), []);
  const rows = [...(stats.data ?? [])].sort((a, b) => a.definition.key.localeCompare(b.definition.key) || b.definition.version - a.definition.version);
  return html`<${Section} title="Process definitions" actions=${html`<button type="button" onClick=${stats.reload}>Refresh</button>`}>
    <${ErrorNote} error=${stats.error} />
    <table data-testid="definitions">
      <thead><tr><th>Process</th><th>Key</th><th>Version</th><th>Running</th><th>Incidents</th><th></th></tr></thead>
      <tbody>${rows.map((s) => {
        const incidents = incidentCount(s);
        const diagram = href('/cockpit/definition', { id: s.id });
        const list = href('/cockpit/instances', { definition: s.id, state: 'running' });
        return html`<tr data-definition=${s.definition.key}>
          <td><a href=${diagram} onClick=${linkTo(diagram)}>${s.definition.name ?? s.definition.key}</a></td>
          <td><code>${s.definition.key}</code></td>
          <td>${s.definition.version}</td>
          <td>${s.instances}</td>
          <td>${incidents > 0 ? html`<span class="pill incident">${incidents}</span>` : '0'}</td>
          <td><a href=${list} onClick=${linkTo(list)}>instances</a></td>
        </tr>`;
      })}</tbody>
    </table>
    ${rows.length === 0 && !stats.loading && html`<p class="muted">Nothing deployed yet.</p>`}
  <//>`;
}
