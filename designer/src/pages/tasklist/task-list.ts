import { html } from '../../app/html';
import { setQuery } from '../../app/router';
import type { SessionUser } from '../../app/session';
import type { ProcessDefinition, Task } from '../../api/engine-types';
import { formatDate } from '../../api/variables';
import { usePeople } from '../../components/people';
import { RecordTitleCell, useTaskRecords } from '../../components/record-title';
import { Truncated } from '../../components/text';
import type { TaskView } from './task-query';

interface Props {
  readonly user: SessionUser;
  readonly view: TaskView;
  readonly query: URLSearchParams;
  readonly tasks: readonly Task[];
  readonly definitions: ReadonlyMap<string, ProcessDefinition>;
  readonly selectedId: string | null;
}

const SORTS = [['created', 'Created'], ['dueDate', 'Due date'], ['priority', 'Priority'], ['name', 'Name']] as const;

/** Views (mine, my groups, all for heads), filters and sorting, all kept in the URL. */
export function TaskList({ user, view, query, tasks, definitions, selectedId }: Props) {
  const people = usePeople();
  const { keys: businessKeys, records } = useTaskRecords(tasks.map((t) => t.processInstanceId));
  // the latest version's name per process key, for the filter
  const processNames = new Map<string, string>();
  for (const d of [...definitions.values()].sort((a, b) => a.version - b.version)) processNames.set(d.key, d.name ?? d.key);
  const keys = [...processNames.keys()].sort((a, b) => processNames.get(a)!.localeCompare(processNames.get(b)!));
  const filter = (name: string) => (e: Event) => setQuery({ [name]: (e.target as HTMLInputElement).value });
  const views: [TaskView, string][] = [['mine', 'My tasks'], ['groups', "My groups' tasks"], ...(user.supervisor ? [['all', 'All open tasks'] as [TaskView, string]] : [])];
  return html`<div data-testid="task-list">
    <div class="tabs" role="tablist">
      ${views.map(([v, label]) => html`<button type="button" role="tab" class=${v === view ? 'active' : ''} data-view=${v} onClick=${() => setQuery({ view: v, task: null })}>${label}</button>`)}
    </div>
    <div class="filters">
      <label>Process <select value=${query.get('process') ?? ''} onChange=${filter('process')}><option value="">all</option>${keys.map((k) => html`<option value=${k} title=${k}>${processNames.get(k)}</option>`)}</select></label>
      <label>Due before <input type="datetime-local" value=${query.get('dueBefore') ?? ''} onChange=${filter('dueBefore')} /></label>
      <label>Min. priority <input type="number" style="width:80px" value=${query.get('minPriority') ?? ''} onChange=${filter('minPriority')} /></label>
      <label>Record (business key) <input name="businessKey" value=${query.get('businessKey') ?? ''} onChange=${filter('businessKey')} /></label>
      <label>Sort by <select value=${query.get('sortBy') ?? 'created'} onChange=${filter('sortBy')}>${SORTS.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></label>
      <label>Order <select value=${query.get('sortOrder') ?? 'desc'} onChange=${filter('sortOrder')}><option value="desc">descending</option><option value="asc">ascending</option></select></label>
    </div>
    <table>
      <thead><tr><th>Task</th><th>Record</th><th>Process</th><th>Assignee</th><th>Due</th><th>Priority</th><th>Created</th></tr></thead>
      <tbody>
        ${tasks.map((task) => {
          const definition = definitions.get(task.processDefinitionId);
          return html`<tr class=${`task-row ${task.id === selectedId ? 'selected' : ''}`} data-task-id=${task.id} onClick=${() => setQuery({ task: task.id }, { replace: false })}>
            <td><a href=${`?task=${task.id}`} onClick=${(e: Event) => e.preventDefault()}><${Truncated} text=${task.name ?? task.taskDefinitionKey} /></a></td>
            <td><${RecordTitleCell} businessKey=${businessKeys.get(task.processInstanceId) ?? null} records=${records} /></td>
            <td><${Truncated} text=${definition?.name ?? definition?.key ?? ''} /></td>
            <td>${task.assignee ? (people.get(task.assignee) ?? task.assignee) : html`<span class="muted">unassigned</span>`}</td>
            <td>${formatDate(task.due)}</td>
            <td>${task.priority}</td>
            <td>${formatDate(task.created)}</td>
          </tr>`;
        })}
      </tbody>
    </table>
    ${tasks.length === 0 && html`<p class="muted" data-testid="no-tasks">No tasks.</p>`}
  </div>`;
}
