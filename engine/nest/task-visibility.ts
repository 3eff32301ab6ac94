import { Injectable } from '@nestjs/common';
import type { Filter } from '../core/ports/engine-queries.js';
import { IdentityDirectory, type SupervisedTeam } from './identity-directory.js';

/**
 * Who asks about tasks, as the application's guard describes them on `request.user`: `id`,
 * `groups` (their candidate groups) and `seesAllTasks` (they supervise every task).
 */
export interface TaskViewer {
  readonly userId: string;
  readonly groups: readonly string[];
  readonly seesAllTasks: boolean;
}

/** the task fields visibility depends on (a task or a historic task) */
export interface TaskPeople {
  readonly assignee: string | null;
  readonly owner: string | null;
  readonly candidateUsers: readonly string[];
  readonly candidateGroups: readonly string[];
}

/** the filter value of `taskVisibleTo` (see filter-specs.ts) */
export interface TaskVisibilityFilter {
  readonly user: string;
  readonly groups: readonly string[];
  readonly team: SupervisedTeam | null;
}

/** a viewer who sees no task: a request without a user */
const NOBODY: TaskViewer = { userId: '', groups: [], seesAllTasks: false };

export function taskViewerOf(request: unknown): TaskViewer {
  const user = (request as { user?: { id?: unknown; groups?: unknown; seesAllTasks?: unknown } }).user;
  if (typeof user?.id !== 'string') return NOBODY;
  const groups = Array.isArray(user.groups) ? user.groups.filter((g): g is string => typeof g === 'string') : [];
  return { userId: user.id, groups, seesAllTasks: user.seesAllTasks === true };
}

/**
 * A task's own people: its assignee, its owner (who delegated it), and, while nobody has claimed
 * it, its candidate users and the members of its candidate groups. Once claimed, it is the
 * claimer's: the other candidates no longer see it (nor, through it, its record).
 */
export function isOwnTask(task: TaskPeople, viewer: TaskViewer): boolean {
  if (task.assignee === viewer.userId || task.owner === viewer.userId) return true;
  return task.assignee === null && (task.candidateUsers.includes(viewer.userId) || task.candidateGroups.some((g) => viewer.groups.includes(g)));
}

/** Directors and admins supervise every task; a head what their team could work on: assigned to or delegated by a member, or unassigned and offered to a member or to a group a member is in. */
export function supervisesTask(task: TaskPeople, viewer: TaskViewer, team: SupervisedTeam | null): boolean {
  if (viewer.seesAllTasks) return true;
  if (!team) return false;
  const member = (id: string | null) => id !== null && team.members.includes(id);
  if (member(task.assignee) || member(task.owner)) return true;
  return task.assignee === null && (task.candidateUsers.some(member) || task.candidateGroups.some((g) => team.groups.includes(g)));
}

/** Task lists and single tasks show only what the viewer's own or supervises (the same rule as the SQL of `taskVisibleTo`). */
@Injectable()
export class TaskVisibility {
  constructor(private readonly identity: IdentityDirectory) {}

  /** the team a viewer answers for, besides their own tasks */
  teamOf(viewer: TaskViewer): Promise<SupervisedTeam | null> {
    return viewer.seesAllTasks || viewer.userId === '' ? Promise.resolve(null) : this.identity.teamSupervisedBy(viewer.userId);
  }

  /** the filter narrowing a task query to what the viewer may see: nothing added for one who sees all */
  async filterFor(viewer: TaskViewer): Promise<Filter> {
    if (viewer.seesAllTasks) return {};
    const visibility: TaskVisibilityFilter = { user: viewer.userId, groups: viewer.groups, team: await this.teamOf(viewer) };
    return { taskVisibleTo: visibility };
  }

  async sees(task: TaskPeople, viewer: TaskViewer): Promise<boolean> {
    return isOwnTask(task, viewer) || supervisesTask(task, viewer, await this.teamOf(viewer));
  }
}
