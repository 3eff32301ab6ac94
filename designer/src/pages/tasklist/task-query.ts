import type { SessionUser } from '../../app/session';
import { fromLocalInput } from '../../api/variables';

export type TaskView = 'mine' | 'groups' | 'all';

/**
 * URL query (shareable) → the engine's task query for the chosen view and filters. My groups'
 * tasks include the claimed ones, shown with their assignee: a task claimed from that list stays
 * in it, selected, as in Camunda's tasklist.
 */
export function taskQuery(view: TaskView, query: URLSearchParams, user: SessionUser): Record<string, string | number | boolean | undefined> {
  const who = view === 'mine'
    ? { assignee: user.id }
    : view === 'groups'
      ? { candidateUser: user.id, candidateGroups: user.groups.join(','), includeAssignedTasks: true }
      : {};
  const businessKey = query.get('businessKey');
  const dueBefore = query.get('dueBefore');
  const priority = query.get('minPriority');
  return {
    ...who,
    processDefinitionKey: query.get('process') ?? undefined,
    dueBefore: dueBefore ? (fromLocalInput(dueBefore) ?? undefined) : undefined,
    minPriority: priority ? Number(priority) : undefined,
    processInstanceBusinessKeyLike: businessKey ? `%${businessKey}%` : undefined,
    sortBy: query.get('sortBy') ?? 'created',
    sortOrder: query.get('sortOrder') ?? 'desc',
    maxResults: 200,
  };
}

export function viewOf(query: URLSearchParams, user: SessionUser): TaskView {
  const view = query.get('view');
  if (view === 'all' && user.supervisor) return 'all';
  return view === 'groups' ? 'groups' : 'mine';
}
