import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { href, linkTo } from '../../app/router';
import { definitions } from '../../api/engine';
import type { DefinitionStatistics } from '../../api/engine-types';
import { ErrorNote, Section, useLoad } from '../../components/common';
import { Truncated } from '../../components/text';

const incidentCount = (s: DefinitionStatistics) => s.incidents.reduce((n, i) => n + i.incidentCount, 0);

interface ProcessRow {
  readonly key: string;
  /** newest first */
  readonly versions: readonly DefinitionStatistics[];
  readonly running: number;
  readonly incidents: number;
}

/** one row per process key: its versions, and the running instances and incidents of all of them */
function byKey(stats: readonly DefinitionStatistics[]): ProcessRow[] {
  const groups = new Map<string, DefinitionStatistics[]>();
  for (const s of stats) groups.set(s.definition.key, [...(groups.get(s.definition.key) ?? []), s]);
  return [...groups.entries()]
    .map(([key, versions]) => ({
      key,
      versions: versions.sort((a, b) => b.definition.version - a.definition.version),
      running: versions.reduce((n, s) => n + s.instances, 0),
      incidents: versions.reduce((n, s) => n + incidentCount(s), 0),
    }))
    .sort((a, b) => (a.versions[0]!.definition.name ?? a.key).localeCompare(b.versions[0]!.definition.name ?? b.key));
}

const incidentPill = (count: number) => (count > 0 ? html`<span class="pill incident">${count}</span>` : '0');

/** Every deployed process, one row per key with its versions inside (expand), with running instances and open incidents. */
export function DefinitionsPage() {
  const stats = useLoad(() => definitions.statistics(), []);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) => setExpanded((open) => {
    const next = new Set(open);
    if (!next.delete(key)) next.add(key);
    return next;
  });
  const rows = byKey(stats.data ?? []);
  return html`<${Section} title="Process definitions" actions=${html`<button type="button" onClick=${stats.reload}>Refresh</button>`}>
    <${ErrorNote} error=${stats.error} />
    <table data-testid="definitions">
      <thead><tr><th>Process</th><th>Key</th><th>Versions</th><th>Running</th><th>Incidents</th><th></th></tr></thead>
      <tbody>${rows.flatMap((row) => {
        const latest = row.versions[0]!;
        const open = expanded.has(row.key);
        const diagram = href('/cockpit/definition', { id: latest.id });
        const list = href('/cockpit/instances', { key: row.key, state: 'running' });
        return [
          html`<tr data-definition=${row.key} data-versions=${row.versions.length}>
            <td><a href=${diagram} onClick=${linkTo(diagram)}><${Truncated} text=${latest.definition.name ?? row.key} /></a></td>
            <td><code><${Truncated} text=${row.key} /></code></td>
            <td>v${latest.definition.version}${row.versions.length > 1 && html` <button type="button" class="link" data-testid="toggle-versions" aria-expanded=${open} onClick=${() => toggle(row.key)}>${open ? '▾' : '▸'} ${row.versions.length} versions</button>`}</td>
            <td>${row.running}</td>
            <td>${incidentPill(row.incidents)}</td>
            <td><a href=${list} onClick=${linkTo(list)}>instances</a></td>
          </tr>`,
          ...(open ? row.versions.map((s) => {
            const versionDiagram = href('/cockpit/definition', { id: s.id });
            const versionList = href('/cockpit/instances', { definition: s.id, state: 'running' });
            return html`<tr class="definition-versions" data-definition-version=${`${row.key}:${s.definition.version}`}>
              <td><a href=${versionDiagram} onClick=${linkTo(versionDiagram)}><${Truncated} text=${s.definition.name ?? row.key} /></a></td>
              <td></td>
              <td>v${s.definition.version}</td>
              <td>${s.instances}</td>
              <td>${incidentPill(incidentCount(s))}</td>
              <td><a href=${versionList} onClick=${linkTo(versionList)}>instances</a></td>
            </tr>`;
          }) : []),
        ];
      })}</tbody>
    </table>
    ${rows.length === 0 && !stats.loading && html`<p class="muted">Nothing deployed yet.</p>`}
  <//>`;
}
