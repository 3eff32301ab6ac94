import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { TaskActor } from '../../core/commands/task-writes.js';
import type { Viewer } from '../../core/ports/engine-queries.js';
import type { EnginePermission } from '../access/index.js';

/**
 * The id of the user the application's guard authenticated (`request.user.id`, the convention of
 * Nest guards and Passport), or null for an anonymous request. The engine takes no position on
 * how users sign in.
 */
export function authenticatedUserIdOf(context: ExecutionContext): string | null {
  const user = context.switchToHttp().getRequest<{ user?: { id?: unknown } }>().user;
  return typeof user?.id === 'string' ? user.id : null;
}

export const AuthenticatedUserId = createParamDecorator((_: unknown, context: ExecutionContext) => authenticatedUserIdOf(context));

/**
 * Whether the authenticated caller holds an engine permission (`request.user.permissions`, set by
 * the application's guard); false for an anonymous request.
 */
export function authenticatedUserHolds(request: unknown, permission: EnginePermission): boolean {
  const permissions = (request as { user?: { permissions?: unknown } }).user?.permissions;
  return Array.isArray(permissions) && permissions.includes(permission);
}

/**
 * The user a task command acts for: four eyes and the rule on what a task may write look at them.
 * Holders of `engine.operate` may change any instance variable anyway. A request without a user
 * (the guard lets none through) acts as an unknown user, never as the application itself.
 */
export function taskActorOf(request: unknown): TaskActor {
  const { user, taskOwnershipCheck } = request as { user?: { id?: unknown }; taskOwnershipCheck?: TaskActor['mayWorkOn'] };
  const userId = user?.id;
  return {
    userId: typeof userId === 'string' ? userId : 'anonymous',
    changesAnyVariable: authenticatedUserHolds(request, 'engine.operate'),
    ...(taskOwnershipCheck ? { mayWorkOn: taskOwnershipCheck } : {}),
  };
}

/**
 * The caller as the `visibleTo` filter of instance and history queries wants them, read from
 * `request.user` (its `id`, candidate `groups` and `records` scope, set by the application's
 * guard), or undefined when they see every instance (`records: 'all'`). A caller whose records
 * scope is missing sees only what is theirs.
 */
export function viewerOf(request: unknown): Viewer | undefined {
  const user = (request as { user?: { id?: unknown; groups?: unknown; records?: unknown } }).user;
  if (user?.records === 'all') return undefined;
  const groups = Array.isArray(user?.groups) ? user.groups.filter((g): g is string => typeof g === 'string') : [];
  return { userId: typeof user?.id === 'string' ? user.id : '', groups, records: typeof user?.records === 'string' ? user.records : 'none' };
}

/** `viewerOf` the request, as a handler parameter */
export const InstanceViewer = createParamDecorator((_: unknown, context: ExecutionContext) => viewerOf(context.switchToHttp().getRequest()));
