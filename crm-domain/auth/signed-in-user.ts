import type { TeamKind } from '../users/team.entity.js';
import type { ManagerLevel, UserRole } from '../users/user.entity.js';
import type { Permission } from './permissions.js';
import { accessOfRoles, seesAllTasks, type Area, type RecordScope, type Role } from './roles.js';

export type { Area } from './roles.js';

/**
 * Who a request acts for: an active CRM user (signed in, or through HTTP Basic, or named by an
 * API key that may act for users), or an API key itself (a worker or an integration).
 */
export interface SignedInUser {
  readonly kind: 'user' | 'api-key';
  /** the user id, or `api-key:<key id>` */
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** the user's role; for an API key its first role */
  readonly role: Role;
  readonly roles: readonly Role[];
  readonly level: ManagerLevel | null;
  readonly team: { readonly id: string; readonly name: string; readonly kind: TeamKind } | null;
  /** candidate groups: the role and the team's kind */
  readonly groups: readonly string[];
  readonly areas: readonly Area[];
  readonly permissions: readonly Permission[];
  /** which client records they reach */
  readonly records: RecordScope;
  /** heads (within their team), directors and admins give tasks to others and work on others' tasks */
  readonly supervisor: boolean;
  /** directors and admins: every task is theirs to see and give (the engine reads this flag) */
  readonly seesAllTasks: boolean;
  /** the API key a request came with, when it acts for this user */
  readonly viaApiKey?: string;
  /**
   * The only external-task topics the request may fetch, see and work on: set when it came with an
   * API key limited to topics (also when the key acts for a user); absent: every topic its roles allow.
   */
  readonly externalTaskTopics?: readonly string[];
}

export interface UserRow {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: UserRole;
  readonly level: ManagerLevel | null;
  readonly team_id: string | null;
  readonly team_name: string | null;
  readonly team_kind: TeamKind | null;
}

export function signedInUser(row: UserRow): SignedInUser {
  const team = row.team_id && row.team_name && row.team_kind ? { id: row.team_id, name: row.team_name, kind: row.team_kind } : null;
  const access = accessOfRoles([row.role]);
  return {
    kind: 'user',
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    roles: [row.role],
    level: row.level,
    team,
    groups: [row.role, ...(team ? [team.kind] : [])],
    areas: access.areas,
    permissions: access.permissions,
    records: access.records,
    supervisor: access.supervises,
    seesAllTasks: seesAllTasks(access),
  };
}

export interface ApiKeyRow {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly topics: readonly string[] | null;
}

export function apiKeyPrincipal(key: ApiKeyRow): SignedInUser {
  const access = accessOfRoles(key.roles);
  return {
    kind: 'api-key',
    id: `api-key:${key.id}`,
    name: `API key ${key.name}`,
    email: '',
    role: key.roles[0] ?? 'worker',
    roles: key.roles,
    level: null,
    team: null,
    groups: [...key.roles],
    areas: access.areas,
    permissions: access.permissions,
    records: access.records,
    supervisor: access.supervises,
    seesAllTasks: seesAllTasks(access),
    ...(key.topics ? { externalTaskTopics: key.topics } : {}),
  };
}

export function holds(user: SignedInUser, permission: Permission): boolean {
  return user.permissions.includes(permission);
}
