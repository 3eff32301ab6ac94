import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { currentUser } from '../../app/session';
import { adHoc } from '../../api/engine';
import type { ActivityInstance } from '../../api/engine-types';
import { ErrorNote, errorText, useLoad } from '../../components/common';

/** roles that work on tasks (engine.task): only they start activities of an ad-hoc sub-process */
const STARTING_ROLES: readonly string[] = ['manager', 'head', 'director', 'admin'];

/** the running ad-hoc sub-process instances of the tree */
export function adHocInstances(tree: ActivityInstance | null): ActivityInstance[] {
  if (!tree) return [];
  const found: ActivityInstance[] = [];
  const walk = (node: ActivityInstance) => {
    if (node.activityType === 'adHocSubProcess') found.push(node);
    node.childActivityInstances.forEach(walk);
  };
  walk(tree);
  return found;
}

/** Each running ad-hoc sub-process with the activities one may start in it, and a Start button for those who may. */
export function AdHocPanel({ instanceId, scopes, onStarted }: { instanceId: string; scopes: ActivityInstance[]; onStarted: (summary: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const loaded = useLoad(() => Promise.all(scopes.map((scope) => adHoc.enabledActivities(instanceId, scope.id))), [instanceId, scopes.map((s) => s.id).join(',')]);
  const mayStart = STARTING_ROLES.includes(currentUser()?.role ?? '');
  const start = async (scope: ActivityInstance, activityId: string, name: string) => {
    setError(null);
    try {
      await adHoc.start(instanceId, scope.id, activityId);
      onStarted(`started ${name} in ${scope.activityName ?? scope.activityId}`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  if (loaded.error) return html`<${ErrorNote} error=${loaded.error} />`;
  if (!loaded.data) return html`<p class="muted">Loading…</p>`;
  const enabled = loaded.data;
  return html`<div data-testid="adhoc-panel">
    <${ErrorNote} error=${error} />
    ${scopes.map((scope, i) => html`<div data-adhoc-id=${scope.id}>
      <h3>${scope.activityName ?? scope.activityId}</h3>
      <ul>${(enabled[i] ?? []).map((a) => html`<li>
        ${a.activityName ?? a.activityId} <small class="muted">${a.activityType}</small>
        ${mayStart && html` <button type="button" data-testid=${`adhoc-start-${a.activityId}`} onClick=${() => start(scope, a.activityId, a.activityName ?? a.activityId)}>Start</button>`}
      </li>`)}</ul>
    </div>`)}
    ${!mayStart && html`<p class="muted">Case workers (managers, heads, directors) start these; operations move tokens instead.</p>`}
  </div>`;
}
