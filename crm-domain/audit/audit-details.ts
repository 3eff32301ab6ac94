import { pickScalars, recordOf, type AuditedCall } from '../../engine/nest/access/index.js';

/** Details of the CRM's audited routes: what changed, picked field by field (never a password, token or key). */

const USER_FIELDS = ['name', 'email', 'role', 'level', 'teamId', 'active'] as const;

/** the new user's role and team, and whether they got an invitation link (the link itself stays out) */
export function userCreateDetails(call: AuditedCall): Record<string, unknown> {
  const user = recordOf(call.result);
  return { ...pickScalars(user, ['email', 'role', 'level', 'teamId', 'active']), ...(call.result ? { invited: user['invitation'] !== undefined } : {}) };
}

/** which fields an admin changed, with their new values (role, team, active: what access depends on) */
export function userChangeDetails(call: AuditedCall): Record<string, unknown> {
  const fields = USER_FIELDS.filter((name) => Object.hasOwn(recordOf(call.body), name));
  return { fields, ...pickScalars(recordOf(call.result), fields) };
}

export function teamDetails(call: AuditedCall): Record<string, unknown> {
  return pickScalars(recordOf(call.result), ['name', 'kind', 'headId']);
}

/** the key's name, roles and reach; the answer to its creation also holds the key itself, which stays out */
export function apiKeyDetails(call: AuditedCall): Record<string, unknown> {
  const key = recordOf(call.result);
  const roles = Array.isArray(key['roles']) ? key['roles'].filter((r): r is string => typeof r === 'string') : undefined;
  const topics = Array.isArray(key['topics']) ? key['topics'].filter((t): t is string => typeof t === 'string') : undefined;
  const expiresAt = key['expiresAt'] instanceof Date ? key['expiresAt'].toISOString() : undefined;
  return { ...pickScalars(key, ['name', 'actForUsers']), ...(roles ? { roles } : {}), ...(topics ? { topics } : {}), ...(expiresAt ? { expiresAt } : {}) };
}
