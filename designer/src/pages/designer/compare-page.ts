import { BpmnModdle } from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { html } from '../../app/html';
import { setQuery, type Route } from '../../app/router';
import { definitions } from '../../api/engine';
import { diffDefinitions, type VersionDiff } from '../../bpmn/version-diff';
import { ErrorNote, useLoad } from '../../components/common';
import { DiagramViewer } from '../../components/diagram-viewer';

async function parse(xml: string): Promise<unknown> {
  const moddle = new BpmnModdle({ camunda: camundaModdle });
  return (await moddle.fromXML(xml)).rootElement;
}

/** Two versions side by side; changed elements highlighted on both, added on the right, removed on the left. */
export function ComparePage({ route }: { route: Route }) {
  const leftId = route.query.get('left');
  const rightId = route.query.get('right');
  const all = useLoad(() => definitions.list({ maxResults: 500 }), []);
  const loaded = useLoad(async () => {
    if (!leftId || !rightId) return null;
    const [left, right] = await Promise.all([definitions.xml(leftId), definitions.xml(rightId)]);
    return { left, right, diff: diffDefinitions(await parse(left), await parse(right)) };
  }, [leftId, rightId]);
  const diff: VersionDiff | null = loaded.data?.diff ?? null;
  const options = (all.data ?? []).map((d) => html`<option value=${d.id}>${d.key} v${d.version}</option>`);
  return html`<div class="compare">
    <div class="toolbar">
      <label>Older <select value=${leftId ?? ''} onChange=${(e: Event) => setQuery({ left: (e.target as HTMLSelectElement).value })}><option value="">—</option>${options}</select></label>
      <label>Newer <select value=${rightId ?? ''} onChange=${(e: Event) => setQuery({ right: (e.target as HTMLSelectElement).value })}><option value="">—</option>${options}</select></label>
      ${diff && html`<span class="legend" data-testid="diff-summary">
        <span class="crm-legend-added">${diff.added.length} added</span>
        <span class="crm-legend-removed">${diff.removed.length} removed</span>
        <span class="crm-legend-changed">${diff.changed.length} changed</span>
        <span>${diff.moved.length} moved</span>
      </span>`}
    </div>
    <${ErrorNote} error=${loaded.error ?? all.error} />
    <div class="side-by-side">
      <${DiagramViewer} testId="compare-left" xml=${loaded.data?.left ?? null} height="60vh" decorationKey=${JSON.stringify(diff)}
        decorate=${({ overlays }: { overlays: { mark(ids: string[], marker: string): void } }) => {
          if (!diff) return;
          overlays.mark(diff.removed, 'crm-removed');
          overlays.mark(diff.changed.map((c) => c.id), 'crm-changed');
        }} />
      <${DiagramViewer} testId="compare-right" xml=${loaded.data?.right ?? null} height="60vh" decorationKey=${JSON.stringify(diff)}
        decorate=${({ overlays }: { overlays: { mark(ids: string[], marker: string): void } }) => {
          if (!diff) return;
          overlays.mark(diff.added, 'crm-added');
          overlays.mark(diff.changed.map((c) => c.id), 'crm-changed');
        }} />
    </div>
    ${diff && diff.changed.length > 0 && html`<ul class="diff-details">${diff.changed.map((c) => html`<li><code>${c.id}</code>: ${c.attributes.join(', ')}</li>`)}</ul>`}
  </div>`;
}
