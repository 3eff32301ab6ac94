import type { SessionUser } from '../../../app/session';

/** ops read records only: they get no "New", edit or action buttons (the server refuses them anyway: 403) */
export function canWrite(user: SessionUser): boolean {
  return ['manager', 'head', 'director', 'admin'].includes(user.role);
}
