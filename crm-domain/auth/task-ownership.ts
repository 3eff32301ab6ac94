import type { TaskOperation } from '../../engine/nest/access/index.js';
import type { SignedInUser } from './signed-in-user.js';

export interface TaskOwnershipRequest {
  readonly operation: TaskOperation;
  /** the task's assignee now; undefined when the task does not exist (the controller answers 404) */
  readonly assignee: string | null | undefined;
  /** claim and assign: the user the task goes to (null: nobody) */
  readonly toUserId: string | null;
}

/**
 * Whose task it is decides who may work on it: its assignee, anyone while nobody has it, and
 * supervisors (heads, directors, admins) always; only supervisors give tasks to someone else.
 * Returns the refusal, or null when allowed.
 */
export function taskOwnershipRefusal(user: SignedInUser, request: TaskOwnershipRequest): string | null {
  if (request.operation === 'read' || user.supervisor || request.assignee === undefined) return null;
  const mineOrFree = request.assignee === null || request.assignee === user.id;
  const toSelfOrNobody = request.toUserId === null || request.toUserId === user.id;
  if (request.operation !== 'work' && !toSelfOrNobody) {
    return `${user.name} (${user.role}) may not give a task to someone else: that takes a head, director or admin`;
  }
  if (!mineOrFree) return `${user.name} (${user.role}) may not work on a task assigned to ${request.assignee}: it is theirs until they or a head give it back`;
  return null;
}
