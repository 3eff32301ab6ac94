import type { TaskOperation } from '../../engine/nest/access/index.js';
import type { SupervisedTeam } from '../../engine/nest/identity-directory.js';
import { isOwnTask, supervisesTask, type TaskPeople, type TaskViewer } from '../../engine/nest/task-visibility.js';
import type { SignedInUser } from './signed-in-user.js';

export interface OwnedTask extends TaskPeople {
  readonly id: string;
  readonly name: string | null;
}

export interface TaskOwnershipRequest {
  readonly operation: TaskOperation;
  readonly task: OwnedTask;
  /** users the request gives the task to or takes it from (claim, assign, delegate, identity links, owner), the caller left out */
  readonly toUsers: readonly string[];
  /** candidate groups an identity-link change offers the task to or takes it from */
  readonly toGroups: readonly string[];
  /** the team the caller heads, if they are a head */
  readonly team: SupervisedTeam | null;
}

export type TaskRefusal = { readonly status: 403 | 404; readonly message: string };

export function taskViewer(user: SignedInUser): TaskViewer {
  return { userId: user.id, groups: user.groups, seesAllTasks: user.seesAllTasks };
}

/**
 * Whose task it is decides what one may do with it. One sees a task that is one's own (assignee,
 * owner, candidate user, member of a candidate group) or that one supervises (directors and admins
 * all tasks; a head what their team could work on, see supervisesTask); any other task does not
 * exist for one (404). One works on (claims, completes, ...) a task assigned to oneself, one
 * offered to one while nobody has claimed it, or one one supervises; else 403 saying whose it is.
 * Only a supervisor gives a task to someone else, a head only to members of their team; only
 * directors and admins offer tasks to groups. Returns the refusal, or null when allowed.
 */
export function taskOwnershipRefusal(user: SignedInUser, request: TaskOwnershipRequest): TaskRefusal | null {
  const { task, team } = request;
  // ops see every task (they run the instances) without supervising any: reading is not working
  const supervisesAll = user.supervisor && user.records === 'all';
  const viewer = { ...taskViewer(user), seesAllTasks: supervisesAll };
  const supervises = supervisesTask(task, viewer, team);
  const who = `${user.name} (${user.role})`;
  const what = `task '${task.name ?? task.id}'`;
  if (!supervises && !isOwnTask(task, viewer) && !user.seesAllTasks) {
    // reading a task one may not see tells nothing (404); acting on it says why not (task ids are not guessable)
    if (request.operation === 'read') return { status: 404, message: notFound(task.id) };
    if (isOwnTask({ ...task, assignee: null }, viewer)) return claimedByOther(who, what, request.operation, task.assignee);
    return { status: 403, message: `${who} may not ${VERBS[request.operation]} ${what}: it is offered to ${offeredTo(task)}, not to ${user.name}` };
  }
  if (request.operation === 'read') return null;
  const mayWork = supervises || task.assignee === user.id || task.assignee === null;
  if (!mayWork) return claimedByOther(who, what, request.operation, task.assignee);
  for (const target of request.toUsers) {
    if (!supervises) return { status: 403, message: `${who} may not give ${what} to someone else: that takes a supervisor (the head of the team, a director or an admin)` };
    if (!supervisesAll && !team?.members.includes(target)) return { status: 403, message: `${who} may not give ${what} to ${target}: a head gives tasks only to members of their own team` };
  }
  if (request.toGroups.length > 0 && !supervisesAll) {
    return { status: 403, message: `${who} may not offer ${what} to groups: that takes a director or an admin` };
  }
  return null;
}

const VERBS: Readonly<Record<Exclude<TaskOperation, 'read'>, string>> = { claim: 'claim', work: 'work on', assign: 'give away' };

function claimedByOther(who: string, what: string, operation: Exclude<TaskOperation, 'read'>, assignee: string | null): TaskRefusal {
  return { status: 403, message: `${who} may not ${VERBS[operation]} ${what}: ${assignee} has claimed it, and only they or a supervisor (their head, a director, an admin) may work on it now` };
}

/** "the candidate groups director" (who else it is offered to is not the caller's business) */
function offeredTo(task: TaskPeople): string {
  return task.candidateGroups.length > 0 ? `the candidate groups ${task.candidateGroups.join(', ')}` : 'other people';
}

/** the answer for a task one may not see, the same as for one that does not exist */
export function notFound(taskId: string): string {
  return `No matching task with id ${taskId}`;
}

/** whom a task route's body gives the task to (or takes it from): userId, and a PUT's assignee and owner when they change */
export function taskTargets(operation: TaskOperation, body: unknown, user: SignedInUser, task: TaskPeople): { users: string[]; groups: string[] } {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  if (operation === 'work' || operation === 'read') return { users: [], groups: [] };
  const users = operation === 'claim'
    ? [text(fields['userId']) ?? user.id]
    : [text(fields['userId']), text(fields['assignee']) === task.assignee ? null : text(fields['assignee']), text(fields['owner']) === task.owner ? null : text(fields['owner'])];
  const groups = operation === 'assign' && text(fields['groupId']) ? [text(fields['groupId'])!] : [];
  return { users: [...new Set(users.filter((u): u is string => u !== null && u !== user.id))], groups };
}
