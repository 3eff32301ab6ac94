import { html, type VNode } from '../../app/html';
import type { ActivityInstance } from '../../api/engine-types';

/** The instance's activity-instance tree (scopes and their active children). */
export function ActivityTree({ tree }: { tree: ActivityInstance | null }) {
  if (!tree) return html`<p class="muted">The instance has ended: no active activities.</p>`;
  const node = (a: ActivityInstance): VNode => html`<li>
    <span>${a.activityName ?? a.activityId}</span> <small class="muted">${a.activityType}</small>
    ${a.incidentIds.length > 0 && html` <span class="pill incident">${a.incidentIds.length} incident(s)</span>`}
    ${(a.childActivityInstances.length > 0 || a.childTransitionInstances.length > 0) && html`<ul class="tree">
      ${a.childActivityInstances.map(node)}
      ${a.childTransitionInstances.map((t) => html`<li>${t.activityName ?? t.activityId} <small class="muted">waiting (async)</small></li>`)}
    </ul>`}
  </li>`;
  return html`<ul class="tree" data-testid="activity-tree">${node(tree)}</ul>`;
}
