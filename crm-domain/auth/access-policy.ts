import type { RouteAccess } from '../../engine/nest/access/index.js';
import { isPermission } from './permissions.js';
import { rolesGranting } from './roles.js';
import { holds, type SignedInUser } from './signed-in-user.js';

/** why the route's rule refuses this caller, or null when it lets them through */
export function routeRefusal(user: SignedInUser, access: RouteAccess): string | null {
  if (access.kind !== 'permission') return null;
  if (!isPermission(access.permission)) return `No role grants '${access.permission}'`;
  if (holds(user, access.permission)) return null;
  const roles = rolesGranting(access.permission);
  const who = user.kind === 'api-key' ? `${user.name} (${user.roles.join(', ')})` : `${user.name} (${user.role})`;
  return `${who} may not ${access.action}: that takes the role ${roles.slice(0, -1).join(', ')}${roles.length > 1 ? ' or ' : ''}${roles.at(-1) ?? 'admin'}`;
}
