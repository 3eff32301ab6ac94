import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import type { Route } from '../../app/router';
import type { SessionUser } from '../../app/session';
import { definitions, tasks } from '../../api/engine';
import { ErrorNote, useLoad } from '../../components/common';
import { TaskDetail } from './task-detail';
import { TaskList } from './task-list';
import { taskQuery, viewOf } from './task-query';
import { useCloseWhenGone } from './use-close-when-gone';

/** The managers' tasklist: the list on the left, the selected task on the right. */
export function TasklistArea({ route, user }: { route: Route; user: SessionUser }) {
  const view = viewOf(route.query, user);
  const params = taskQuery(view, route.query, user);
  const list = useLoad(() => tasks.list(params), [JSON.stringify(params)]);
  const defs = useLoad(async () => new Map((await definitions.list({ maxResults: 1000 })).map((d) => [d.id, d])), []);
  const selected = route.query.get('task');
  const [flash, setFlash] = useState<string | null>(null);
  const changed = useCloseWhenGone(list, selected, setFlash);
  return html`<div class="two-columns tasklist">
    <div>
      ${flash && html`<p class="message" data-testid="task-done">${flash}</p>`}
      <${ErrorNote} error=${list.error} />
      <${TaskList} user=${user} view=${view} query=${route.query} tasks=${list.data ?? []} definitions=${defs.data ?? new Map()} selectedId=${selected} />
    </div>
    <div>${selected ? html`<${TaskDetail} key=${selected} taskId=${selected} user=${user} onChanged=${changed} onCompleted=${(m: string) => { setFlash(m); list.reload(); }} />` : html`<p class="muted">Pick a task.</p>`}</div>
  </div>`;
}
