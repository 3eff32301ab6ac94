import { SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';

/**
 * Who may call a route. Every route declares one on its handler or controller; the application's
 * guard decides on the route Nest matched (never on the URL) and refuses routes without one.
 */
export type RouteAccess =
  /** no credentials needed: signing in, the public web form, liveness */
  | { readonly kind: 'public' }
  /** any authenticated caller; the handler narrows what they see */
  | { readonly kind: 'signed-in' }
  /** callers whose roles grant the permission; `action` completes "may not …" in a refusal */
  | { readonly kind: 'permission'; readonly permission: string; readonly action: string };

export const ROUTE_ACCESS = 'route-access';

export const Public = () => SetMetadata(ROUTE_ACCESS, { kind: 'public' } satisfies RouteAccess);
export const SignedIn = () => SetMetadata(ROUTE_ACCESS, { kind: 'signed-in' } satisfies RouteAccess);
export const Requires = (permission: string, action: string) => SetMetadata(ROUTE_ACCESS, { kind: 'permission', permission, action } satisfies RouteAccess);

/** the handler's own rule wins over its controller's */
export function routeAccessOf(reflector: Reflector, context: ExecutionContext): RouteAccess | undefined {
  return reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [context.getHandler(), context.getClass()]);
}

/** What a task route does to the task named by its `:id` parameter; whose task it is decides. */
export type TaskOperation = 'claim' | 'assign' | 'work' | 'read';

export const TASK_OPERATION = 'task-operation';

export const OnTask = (operation: TaskOperation) => SetMetadata(TASK_OPERATION, operation);

/**
 * On a route whose command loads the task anyway (completing it), whose task it is is checked by the
 * command on the task it loaded (TaskActor.mayWorkOn), which saves reading the task twice. The guard
 * hands the check over instead of reading the task; the handler must pass taskActorOf(request) on.
 */
export const TASK_CHECKED_IN_COMMAND = 'task-checked-in-command';

export const TaskCheckedInCommand = () => SetMetadata(TASK_CHECKED_IN_COMMAND, true);

export function taskCheckedInCommand(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.get<boolean | undefined>(TASK_CHECKED_IN_COMMAND, context.getHandler()) === true;
}

export function taskOperationOf(reflector: Reflector, context: ExecutionContext): TaskOperation | undefined {
  return reflector.get<TaskOperation | undefined>(TASK_OPERATION, context.getHandler());
}
