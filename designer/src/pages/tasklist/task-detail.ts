import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { setQuery } from '../../app/router';
import type { SessionUser } from '../../app/session';
import { activeUsers } from '../../api/account';
import { instances, tasks } from '../../api/engine';
import type { ActivityInstance, Task } from '../../api/engine-types';
import { formatDate, fromLocalInput, toLocalInput } from '../../api/variables';
import { ErrorNote, Section, errorText, useLoad } from '../../components/common';
import { DiagramViewer } from '../../components/diagram-viewer';
import { RecordName, useRecordTitles } from '../../components/record-title';
import { Facts } from '../../components/text';
import { definitionModel } from '../../model/definition-model';
import { formFieldsOf } from '../../model/form-fields';
import { CamundaTaskForm, hasCamundaForm } from './camunda-task-form';
import { RecordPanel } from './record-panel';
import { TaskComments } from './task-comments';
import { TaskForm } from './task-form';

function activeActivityIds(tree: ActivityInstance | null): string[] {
  if (!tree) return [];
  const ids: string[] = [];
  const walk = (node: ActivityInstance) => {
    if (node.childActivityInstances.length === 0 && node.activityType !== 'processDefinition') ids.push(node.activityId);
    node.childActivityInstances.forEach(walk);
    node.childTransitionInstances.forEach((t) => ids.push(t.activityId));
  };
  walk(tree);
  return ids;
}

/** One task: claim, form with outcomes, dates, reassignment, the CRM record and the diagram. */
export function TaskDetail({ taskId, user, onChanged, onCompleted }: { taskId: string; user: SessionUser; onChanged: () => void; onCompleted: (message: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const loaded = useLoad(async () => {
    const task = await tasks.get(taskId);
    const [model, instance, tree, variables, links] = await Promise.all([
      definitionModel(task.processDefinitionId),
      instances.get(task.processInstanceId),
      instances.activityTree(task.processInstanceId),
      instances.variables(task.processInstanceId).catch(() => ({})),
      tasks.identityLinks(task.id).catch(() => []),
    ]);
    return { task, model, instance, tree, variables, links, fields: formFieldsOf(model.elements.get(task.taskDefinitionKey)) };
  }, [taskId]);
  const people = useLoad(activeUsers, []);
  const records = useRecordTitles([loaded.data?.instance.businessKey ?? null]);
  const names = new Map((people.data ?? []).map((u) => [u.id, u.name]));

  if (loaded.error) return html`<${ErrorNote} error=${loaded.error} />`;
  if (!loaded.data) return html`<p class="muted">Loading…</p>`;
  const { task, model, instance, tree, variables, links, fields } = loaded.data;
  const mine = task.assignee === user.id;
  const act = (action: () => Promise<unknown>) => async () => {
    try {
      await action();
      setError(null);
      loaded.reload();
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const done = () => {
    onCompleted(`Task "${task.name ?? task.id}" completed`);
    setQuery({ task: null });
  };
  const nameOf = (userId: string) => names.get(userId) ?? userId;
  const candidates = links.filter((l) => l.type === 'candidate').map((l) => l.groupId ?? (l.userId ? nameOf(l.userId) : null)).filter(Boolean);

  return html`<div class="task-detail" data-testid="task-detail">
    <${Section} title=${task.name ?? task.taskDefinitionKey}
      actions=${html`${!task.assignee && html`<button type="button" class="primary" onClick=${act(() => tasks.claim(task.id, user.id))}>Claim</button>`}
        ${mine && html`<button type="button" onClick=${act(() => tasks.unclaim(task.id))}>Unclaim</button>`}`}>
      <${Facts} items=${[
        html`Assignee <strong data-testid="task-assignee" data-user=${task.assignee ?? ''}>${task.assignee ? (task.assignee === user.id ? `${nameOf(task.assignee)} (me)` : nameOf(task.assignee)) : 'nobody'}</strong>`,
        task.owner && html`owner <span data-testid="task-owner">${nameOf(task.owner)}</span>`,
        `candidates ${candidates.join(', ') || 'none'}`,
        `created ${formatDate(task.created)}`,
        html`record <${RecordName} businessKey=${instance.businessKey} records=${records} />`,
      ]} />
      ${task.description && html`<p>${task.description}</p>`}
      <${ErrorNote} error=${error} />
      ${!mine && html`<p class="muted">${task.assignee ? `Assigned to ${nameOf(task.assignee)}.` : 'Claim the task to work on it.'}</p>`}
      ${hasCamundaForm(task)
        ? html`<${CamundaTaskForm} task=${task} editable=${mine} onCompleted=${done} />`
        : html`<${TaskForm} task=${task} fields=${fields} editable=${mine} onCompleted=${done} />`}
    <//>
    <${Section} title="Dates">
      <div class="filters">
        <label>Due <input type="datetime-local" data-testid="task-due" value=${toLocalInput(task.due)} onChange=${(e: Event) => act(() => tasks.update(task, { due: fromLocalInput((e.target as HTMLInputElement).value) }))()} /></label>
        <label>Follow up <input type="datetime-local" data-testid="task-follow-up" value=${toLocalInput(task.followUp)} onChange=${(e: Event) => act(() => tasks.update(task, { followUp: fromLocalInput((e.target as HTMLInputElement).value) }))()} /></label>
        ${user.supervisor && html`<label>Reassign to
          <select data-testid="task-reassign" value=${task.assignee ?? ''} onChange=${(e: Event) => act(() => tasks.setAssignee(task.id, (e.target as HTMLSelectElement).value || null))()}>
            <option value="">nobody</option>${(people.data ?? []).filter((u) => u.areas.includes('tasklist')).map((u) => html`<option value=${u.id}>${u.name}</option>`)}
          </select></label>`}
      </div>
    <//>
    <${RecordPanel} businessKey=${instance.businessKey} variables=${variables} processKey=${model.processKey} />
    <${Section} title="Where this task is in the process">
      <${DiagramViewer} testId="task-diagram" xml=${model.xml} height="300px" decorationKey=${task.id}
        decorate=${({ overlays }: { overlays: { mark(ids: string[], marker: 'crm-active'): void } }) => overlays.mark(activeActivityIds(tree), 'crm-active')} />
    <//>
    <${TaskComments} taskId=${task.id} names=${names} />
  </div>`;
}
