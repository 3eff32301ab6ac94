import { html } from '../../app/html';
import { href, linkTo, setQuery } from '../../app/router';
import { definitions, history } from '../../api/engine';
import { ErrorNote, Section, useLoad } from '../../components/common';
import { DiagramViewer, type ViewerHandle } from '../../components/diagram-viewer';

/** One version's diagram: active tokens and incidents per element, or a heatmap of its history. */
export function DefinitionPage({ id, query }: { id: string; query: URLSearchParams }) {
  const heatmap = query.get('heatmap') === '1';
  const loaded = useLoad(async () => {
    const [definition, xml, stats, runs] = await Promise.all([
      definitions.get(id),
      definitions.xml(id),
      definitions.activityStatistics(id),
      history.activities({ processDefinitionId: id, maxResults: 5000 }),
    ]);
    const counts = new Map<string, number>();
    for (const run of runs) counts.set(run.activityId, (counts.get(run.activityId) ?? 0) + 1);
    return { definition, xml, stats, counts };
  }, [id]);
  const decorate = ({ overlays }: ViewerHandle) => {
    if (!loaded.data) return;
    if (heatmap) overlays.showHeatmap(loaded.data.counts);
    else overlays.showCounts(loaded.data.stats.map((s) => ({ id: s.id, active: s.instances, incidents: s.incidents.reduce((n, i) => n + i.incidentCount, 0) })));
  };
  const d = loaded.data?.definition;
  const instancesLink = href('/cockpit/instances', { definition: id });
  return html`<${Section} title=${d ? `${d.name ?? d.key} v${d.version}` : 'Definition'}
    actions=${html`<label><input type="checkbox" data-testid="heatmap-toggle" checked=${heatmap} onChange=${() => setQuery({ heatmap: heatmap ? null : '1' })} /> heatmap of history</label>${' · '}<a href=${instancesLink} onClick=${linkTo(instancesLink)}>instances</a>`}>
    <${ErrorNote} error=${loaded.error} />
    <${DiagramViewer} testId="definition-diagram" xml=${loaded.data?.xml ?? null} height="65vh" decorate=${decorate} decorationKey=${`${heatmap}:${loaded.data ? 'loaded' : ''}`} />
    <p class="muted">${heatmap ? 'Colour: how often each element ran (all versions of history for this definition).' : 'Blue badge: active tokens; red badge: open incidents.'}</p>
  <//>`;
}
