import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RecordScope } from '../auth/roles.js';
import type { SignedInUser } from '../auth/signed-in-user.js';

/**
 * Who reads or changes client records, and which they reach (`records`: none, those they own or
 * whose process tasks are theirs, their team's, all). The same shape as the engine's `Viewer`.
 */
export interface RecordViewer {
  readonly userId: string;
  /** candidate groups: tasks offered to them make the task's record theirs too */
  readonly groups: readonly string[];
  readonly records: RecordScope;
  /** "Jo Junior (manager)", for refusals */
  readonly label: string;
}

/** process handlers, record events, the lead assignment, the demo seed and the public web form act for the system: they reach every record */
export const SYSTEM_VIEWER: RecordViewer = { userId: 'system', groups: [], records: 'all', label: 'the system' };

export function recordViewerOf(user: SignedInUser | undefined): RecordViewer {
  if (!user) return { userId: '', groups: [], records: 'none', label: 'nobody' };
  const label = user.kind === 'api-key' ? `${user.name} (${user.roles.join(', ')})` : `${user.name} (${user.role})`;
  return { userId: user.id, groups: user.groups, records: user.records, label };
}

/** the signed-in caller (`request.user`, set by the route guard) as a RecordViewer */
export const Viewer = createParamDecorator((_: unknown, context: ExecutionContext): RecordViewer =>
  recordViewerOf(context.switchToHttp().getRequest<{ user?: SignedInUser }>().user),
);
