import { USER_ROLES, type UserRole } from '../users/user.entity.js';
import { ALL_PERMISSIONS, type Permission } from './permissions.js';

/** The parts of the web app; each role works in some of them (`crm`: the records, pipeline, desk and reports; `admin`: users, teams and API keys). */
export const AREAS = ['designer', 'tasklist', 'cockpit', 'crm', 'admin'] as const;
export type Area = (typeof AREAS)[number];

/** `worker` is for API keys only: external task workers and integrations */
export const API_KEY_ROLES = [...USER_ROLES, 'worker'] as const;
export type Role = (typeof API_KEY_ROLES)[number];

/** Which client records a role reaches: none, those one owns (and one's tasks'), one's team's, all. */
export type RecordScope = 'none' | 'own' | 'team' | 'all';

interface RoleAccess {
  readonly permissions: readonly Permission[];
  readonly records: RecordScope;
  readonly areas: readonly Area[];
  /** may give tasks to others and work on others' tasks (heads within their team) */
  readonly supervises: boolean;
}

const SALES_AND_SERVICE: readonly Permission[] = ['engine.start', 'engine.task', 'crm.records.read', 'crm.records.write', 'crm.reports', 'crm.directory'];

/**
 * The access model in one table: analysts model, managers work on their own clients, heads on
 * their team's, directors on all, ops run the engine, admins do everything.
 */
export const ROLE_ACCESS: Readonly<Record<Role, RoleAccess>> = {
  analyst: { permissions: ['engine.deploy', 'engine.start', 'crm.directory'], records: 'none', areas: ['designer'], supervises: false },
  manager: { permissions: SALES_AND_SERVICE, records: 'own', areas: ['tasklist', 'crm'], supervises: false },
  head: { permissions: SALES_AND_SERVICE, records: 'team', areas: ['tasklist', 'crm'], supervises: true },
  director: { permissions: [...SALES_AND_SERVICE, 'crm.catalogue', 'crm.import'], records: 'all', areas: ['tasklist', 'crm'], supervises: true },
  ops: {
    permissions: ['engine.start', 'engine.operate', 'engine.external-task', 'engine.correlate', 'engine.monitor', 'crm.records.read', 'crm.outbox', 'crm.audit', 'crm.directory'],
    records: 'all',
    areas: ['cockpit', 'crm'],
    supervises: false,
  },
  admin: { permissions: Object.keys(ALL_PERMISSIONS) as Permission[], records: 'all', areas: ['designer', 'tasklist', 'cockpit', 'crm', 'admin'], supervises: true },
  worker: { permissions: ['engine.start', 'engine.external-task', 'engine.correlate'], records: 'none', areas: [], supervises: false },
};

const SCOPE_ORDER: readonly RecordScope[] = ['none', 'own', 'team', 'all'];

/** what several roles (an API key's) grant together */
export function accessOfRoles(roles: readonly Role[]): RoleAccess {
  const permissions = new Set<Permission>();
  const areas = new Set<Area>();
  let records: RecordScope = 'none';
  let supervises = false;
  for (const role of roles) {
    const access = ROLE_ACCESS[role];
    access.permissions.forEach((p) => permissions.add(p));
    access.areas.forEach((a) => areas.add(a));
    if (SCOPE_ORDER.indexOf(access.records) > SCOPE_ORDER.indexOf(records)) records = access.records;
    supervises ||= access.supervises;
  }
  return { permissions: [...permissions], records, areas: AREAS.filter((a) => areas.has(a)), supervises };
}

/**
 * Who sees every task: supervisors of all records (directors, admins), who also work on them, and
 * those who operate the engine (ops), who only read them. A supervisor of a team (a head) answers
 * for their team's tasks only (task-ownership.ts); others for their own.
 */
export function seesAllTasks(access: Pick<RoleAccess, 'supervises' | 'records' | 'permissions'>): boolean {
  return (access.supervises && access.records === 'all') || access.permissions.includes('engine.operate');
}

/** "analyst or admin": the roles that grant a permission */
export function rolesGranting(permission: Permission, among: readonly Role[] = USER_ROLES): Role[] {
  return among.filter((role) => ROLE_ACCESS[role].permissions.includes(permission));
}

export function isUserRole(role: string): role is UserRole {
  return (USER_ROLES as readonly string[]).includes(role);
}
