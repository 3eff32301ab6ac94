import { ENGINE_PERMISSIONS } from '../../engine/nest/access/index.js';
import { USER_ROLES } from '../users/user.entity.js';
import { routeRefusal } from './access-policy.js';
import { ALL_PERMISSIONS, CRM_PERMISSIONS } from './permissions.js';
import { accessOfRoles, rolesGranting, ROLE_ACCESS } from './roles.js';
import { apiKeyPrincipal, signedInUser, type UserRow } from './signed-in-user.js';

const row = (role: UserRow['role'], id = `${role}-id`): UserRow => ({
  id, name: `A ${role}`, email: `${role}@example.com`, role, level: role === 'manager' ? 'junior' : null, team_id: 'team-1', team_name: 'Sales', team_kind: 'sales',
});
const user = (role: UserRow['role'], id?: string) => signedInUser(row(role, id));
const needs = (permission: keyof typeof ALL_PERMISSIONS) => ({ kind: 'permission', permission, action: ALL_PERMISSIONS[permission] }) as const;

describe('roles', () => {
  it('grant every permission to someone, and all of them to admins', () => {
    for (const permission of Object.keys(ALL_PERMISSIONS) as (keyof typeof ALL_PERMISSIONS)[]) expect(rolesGranting(permission)).toContain('admin');
    expect(Object.keys(ALL_PERMISSIONS)).toEqual([...Object.keys(ENGINE_PERMISSIONS), ...Object.keys(CRM_PERMISSIONS)]);
  });

  it('split the work: analysts model, managers work on their clients, ops run the engine', () => {
    expect(rolesGranting('engine.deploy')).toEqual(['analyst', 'admin']);
    expect(rolesGranting('engine.operate')).toEqual(['ops', 'admin']);
    expect(rolesGranting('engine.task')).toEqual(['manager', 'head', 'director', 'admin']);
    expect(rolesGranting('crm.records.write')).toEqual(['manager', 'head', 'director', 'admin']);
    expect(rolesGranting('crm.users')).toEqual(['admin']);
    expect(rolesGranting('crm.audit')).toEqual(['ops', 'admin']);
    expect(USER_ROLES.map((r) => [r, ROLE_ACCESS[r].records])).toEqual([
      ['manager', 'own'], ['head', 'team'], ['director', 'all'], ['analyst', 'none'], ['ops', 'all'], ['admin', 'all'],
    ]);
  });

  it('combine for an API key: the widest record scope, every permission of each role', () => {
    const combined = accessOfRoles(['worker', 'ops']);
    expect(combined.records).toBe('all');
    expect(combined.permissions).toEqual(expect.arrayContaining(['engine.external-task', 'engine.operate']));
    expect(accessOfRoles(['worker']).records).toBe('none');
  });
});

describe('route refusal', () => {
  it('lets a holder through and names the roles a refused caller lacks', () => {
    expect(routeRefusal(user('analyst'), needs('engine.deploy'))).toBeNull();
    expect(routeRefusal(user('manager'), needs('engine.deploy'))).toBe('A manager (manager) may not deploy or delete processes and forms: that takes the role analyst or admin');
    expect(routeRefusal(user('ops'), needs('crm.users'))).toBe('A ops (ops) may not manage users, teams and API keys: that takes the role admin');
    expect(routeRefusal(user('manager'), { kind: 'signed-in' })).toBeNull();
  });

  it('refuses a permission no role knows', () => {
    expect(routeRefusal(user('admin'), { kind: 'permission', permission: 'crm.everything', action: 'do anything' })).toMatch(/No role grants/);
  });

  it('describes an API key by its roles', () => {
    const worker = apiKeyPrincipal({ id: 'k1', name: 'mailer', roles: ['worker'], topics: null });
    expect(worker.id).toBe('api-key:k1');
    expect(routeRefusal(worker, needs('engine.external-task'))).toBeNull();
    expect(routeRefusal(worker, needs('crm.records.read'))).toBe('API key mailer (worker) may not read client records: that takes the role manager, head, director, ops or admin');
  });
});
