import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { href, linkTo } from '../../app/router';
import { history, incidents, instances } from '../../api/engine';
import type { ActivityInstance, Incident, VariableMap } from '../../api/engine-types';
import { formatDate } from '../../api/variables';
import { ErrorNote, Modal, Section, errorText, useLoad } from '../../components/common';
import { DiagramViewer, type ViewerHandle } from '../../components/diagram-viewer';
import { usePeople } from '../../components/people';
import { RecordName, useRecordTitles } from '../../components/record-title';
import { Facts } from '../../components/text';
import { definitionModel } from '../../model/definition-model';
import { ActivityTree } from './activity-tree';
import { AdHocPanel, adHocInstances } from './ad-hoc-panel';
import { DecisionsPanel } from './decisions-panel';
import { activeIds, executedPath } from './executed-path';
import { IncidentsPanel } from './incidents-panel';
import { MoveTokenDialog, activeTokens } from './move-token';
import { VariablesPanel } from './variables-panel';

/** One instance: diagram with the executed path, activity tree, variables, incidents, tasks, decisions evaluated, history, cancel. */
export function InstancePage({ id }: { id: string }) {
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [moving, setMoving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** incidents retried since the last load: their jobs run again, so the page shows them as gone */
  const [retried, setRetried] = useState<ReadonlySet<string>>(new Set());
  const people = usePeople();
  const loaded = useLoad(async () => {
    const instance = await history.instance(id);
    const running = !instance.endTime;
    const [model, runs, tree, variables, open, past, userTasks] = await Promise.all([
      definitionModel(instance.processDefinitionId),
      history.activities({ processInstanceId: id, sortBy: 'startTime', sortOrder: 'asc', maxResults: 1000 }),
      running ? instances.activityTree(id).catch(() => null) : Promise.resolve(null),
      // the instance may end while this loads: history answers then
      running ? instances.variables(id).catch(() => historicVariables(id)) : historicVariables(id),
      running ? incidents.list({ processInstanceId: id }).catch(() => []) : Promise.resolve([]),
      history.incidents({ processInstanceId: id }),
      history.tasks({ processInstanceId: id }),
    ]);
    setRetried(new Set());
    return { instance, running, model, runs, tree: tree as ActivityInstance | null, variables, open, past, userTasks };
  }, [id]);
  const records = useRecordTitles([loaded.data?.instance.businessKey ?? null]);

  if (loaded.error) return html`<div><${ErrorNote} error=${loaded.error} /><button type="button" onClick=${loaded.reload}>Refresh</button></div>`;
  if (!loaded.data) return html`<p class="muted">Loading…</p>`;
  const { instance, running, model, runs, tree, variables, past, userTasks } = loaded.data;
  const open = loaded.data.open.filter((i) => !retried.has(i.id));
  // after a retry the instance may end any moment: the page waits for Refresh rather than reloading
  // at once, when the runtime could answer 404 for an instance history still calls running
  const onRetried = (incident: Incident) => {
    setRetried((ids) => new Set([...ids, incident.id]));
    setMessage(`Retried the incident of ${model.elements.get(incident.activityId)?.name ?? incident.activityId}: its job runs again. Refresh to see the outcome.`);
  };
  const decorate = ({ overlays }: ViewerHandle) => {
    overlays.mark(executedPath(runs, model.elements), 'crm-executed');
    overlays.mark(activeIds(runs), 'crm-active');
    overlays.showCounts(open.map((i) => ({ id: i.activityId, active: 0, incidents: 1 })));
  };
  const cancel = async () => {
    try {
      await instances.cancel(id, 'canceled in the cockpit');
      setConfirmCancel(false);
      loaded.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const definitionLink = href('/cockpit/definition', { id: instance.processDefinitionId });
  const adHocScopes = adHocInstances(tree);

  return html`<div class="instance-page" data-testid="instance-page" data-state=${instance.state}>
    <${Section} title=${`${instance.processDefinitionName ?? instance.processDefinitionKey} · instance ${instance.id.slice(0, 8)}`}
      actions=${html`<button type="button" onClick=${loaded.reload}>Refresh</button>
        ${running && activeTokens(tree).length > 0 && html`<button type="button" data-testid="move-token-open" onClick=${() => { setMessage(null); setMoving(true); }}>Move token</button>`}
        ${running && html`<button type="button" class="danger" onClick=${() => setConfirmCancel(true)}>Cancel instance</button>`}`}>
      <${Facts} class="" testId="instance-facts" items=${[
        html`<span class=${`pill ${instance.state}`} data-testid="instance-state">${instance.state}</span>`,
        html`<a href=${definitionLink} onClick=${linkTo(definitionLink)}>version ${instance.processDefinitionVersion}</a>`,
        html`record <${RecordName} businessKey=${instance.businessKey} records=${records} />`,
        `started ${formatDate(instance.startTime)}`,
        instance.endTime && `ended ${formatDate(instance.endTime)}`,
        instance.deleteReason,
      ]} />
      <${ErrorNote} error=${error} />
      ${message && html`<p class="message" data-testid="instance-message">${message}</p>`}
      <${DiagramViewer} testId="instance-diagram" xml=${model.xml} height="340px" decorate=${decorate} decorationKey=${`${runs.length}:${open.length}:${activeIds(runs).join(',')}`} />
      <p class="muted">Green: executed path · blue: where the instance waits · red: incidents. Move token cancels an active step and starts the instance before another.</p>
    <//>
    <div class="two-columns">
      <div>
        <${Section} title=${`Incidents (${open.length} open)`}><${IncidentsPanel} open=${open} past=${past} elements=${model.elements} onRetried=${onRetried} /><//>
        <${Section} title="Activity tree"><${ActivityTree} tree=${tree} /><//>
        ${adHocScopes.length > 0 && html`<${Section} title="Ad-hoc sub-processes: what may be started">
          <${AdHocPanel} instanceId=${id} scopes=${adHocScopes} onStarted=${(summary: string) => { setMessage(`Ad-hoc: ${summary}`); loaded.reload(); }} />
        <//>`}
        <${Section} title="User tasks">
          <table><thead><tr><th>Task</th><th>Assignee</th><th>Started</th><th>Ended</th></tr></thead>
          <tbody>${userTasks.map((t) => html`<tr><td>${t.name ?? t.taskDefinitionKey}</td><td>${t.assignee ? (people.get(t.assignee) ?? t.assignee) : ''}</td><td>${formatDate(t.startTime)}</td><td>${formatDate(t.endTime)}${t.deleteReason && t.deleteReason !== 'completed' ? ` (${t.deleteReason})` : ''}</td></tr>`)}</tbody></table>
        <//>
      </div>
      <div>
        <${Section} title="Variables"><${VariablesPanel} instanceId=${id} variables=${variables} editable=${running} onSaved=${loaded.reload} /><//>
        <${Section} title="Decisions"><${DecisionsPanel} instanceId=${id} elements=${model.elements} refreshKey=${`${runs.length}:${instance.state}`} /><//>
        <${Section} title="History">
          <table data-testid="history"><thead><tr><th>Activity</th><th>Type</th><th>Started</th><th>Ended</th></tr></thead>
          <tbody>${runs.map((r) => html`<tr><td>${r.activityName ?? r.activityId}</td><td>${r.activityType}</td><td>${formatDate(r.startTime)}</td><td>${r.endTime ? formatDate(r.endTime) : html`<em>active</em>`}${r.canceled ? ' (canceled)' : ''}</td></tr>`)}</tbody></table>
        <//>
      </div>
    </div>
    ${moving && html`<${MoveTokenDialog} instanceId=${id} tree=${tree} elements=${model.elements} onClose=${() => setMoving(false)}
      onMoved=${(summary: string) => { setMoving(false); setMessage(`Moved the token: ${summary}`); loaded.reload(); }} />`}
    ${confirmCancel && html`<${Modal} title="Cancel instance" onClose=${() => setConfirmCancel(false)}>
      <p>Cancel instance ${instance.id}? Its tokens, tasks and jobs are removed.</p>
      <div class="outcomes"><button type="button" class="danger" onClick=${cancel}>Cancel instance</button><button type="button" onClick=${() => setConfirmCancel(false)}>Keep it</button></div>
    <//>`}
  </div>`;
}

async function historicVariables(instanceId: string): Promise<VariableMap> {
  const rows = await history.variables({ processInstanceId: instanceId, maxResults: 1000 });
  return Object.fromEntries(rows.map((r) => [r.name, { type: r.type, value: r.value }]));
}

