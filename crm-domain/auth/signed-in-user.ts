import type { TeamKind } from '../users/team.entity.js';
import type { ManagerLevel, UserRole } from '../users/user.entity.js';

/** The parts of the web app; each role works in some of them. */
export const AREAS = ['designer', 'tasklist', 'cockpit'] as const;
export type Area = (typeof AREAS)[number];

const AREAS_OF_ROLE: Record<UserRole, readonly Area[]> = {
  analyst: ['designer'],
  manager: ['tasklist'],
  head: ['tasklist'],
  director: ['tasklist'],
  ops: ['cockpit'],
  admin: ['designer', 'tasklist', 'cockpit'],
};

const SUPERVISORS: readonly UserRole[] = ['head', 'director', 'admin'];

/** An active CRM user as the guard and the web app see them. */
export interface SignedInUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: UserRole;
  readonly level: ManagerLevel | null;
  readonly team: { readonly name: string; readonly kind: TeamKind } | null;
  /** candidate groups: the role and the team's kind */
  readonly groups: readonly string[];
  readonly areas: readonly Area[];
  /** heads, directors and admins see every open task and may give a task to someone else */
  readonly supervisor: boolean;
}

export interface UserRow {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: UserRole;
  readonly level: ManagerLevel | null;
  readonly team_name: string | null;
  readonly team_kind: TeamKind | null;
}

export function signedInUser(row: UserRow): SignedInUser {
  const team = row.team_name && row.team_kind ? { name: row.team_name, kind: row.team_kind } : null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    level: row.level,
    team,
    groups: [row.role, ...(team ? [team.kind] : [])],
    areas: AREAS_OF_ROLE[row.role] ?? [],
    supervisor: SUPERVISORS.includes(row.role),
  };
}
