import { z } from 'zod';
import { pagingShape, q } from '../shared/list-query.js';
import { ACTOR_KINDS, OUTCOMES } from './audit-entry.js';

/** GET /api/audit: newest first; `action=task.complete` exactly, `action=task.` (or `task.*`) every action under it */
export const auditListQuery = z.strictObject({
  page: pagingShape.page,
  pageSize: pagingShape.pageSize,
  actorId: q.text(),
  actorKind: q.oneOf(ACTOR_KINDS),
  action: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*(\.|\.\*)?$/, { message: 'expected an action code (task.complete) or a prefix (task.)' }).max(100).optional(),
  targetType: q.text(),
  targetId: q.text(),
  outcome: q.oneOf(OUTCOMES),
  from: q.date(),
  to: q.date(),
});

export type AuditListQuery = z.infer<typeof auditListQuery>;
