import { ENGINE_PERMISSIONS, Requires, type EnginePermission } from '../../engine/nest/access/index.js';

/** What callers may do to the CRM, in the words of a refusal ("may not change client records"). */
export const CRM_PERMISSIONS = {
  'crm.records.read': 'read client records',
  'crm.records.write': 'change client records',
  'crm.catalogue': 'change the product catalogue',
  'crm.import': 'import companies',
  'crm.reports': 'read reports',
  'crm.directory': 'read the directory of users and teams',
  'crm.users': 'manage users, teams and API keys',
  'crm.outbox': 'read sent notifications',
  'crm.audit': 'read the audit log',
} as const;

export type CrmPermission = keyof typeof CRM_PERMISSIONS;
export type Permission = EnginePermission | CrmPermission;

export const ALL_PERMISSIONS = { ...ENGINE_PERMISSIONS, ...CRM_PERMISSIONS } as const satisfies Record<Permission, string>;

export function isPermission(name: string): name is Permission {
  return Object.hasOwn(ALL_PERMISSIONS, name);
}

/** the route needs a CRM permission */
export const CrmRequires = (permission: CrmPermission) => Requires(permission, CRM_PERMISSIONS[permission]);
