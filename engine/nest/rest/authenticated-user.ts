import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

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
