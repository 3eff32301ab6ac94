import { meets, refusal, requirementOf } from './access-policy.js';
import { signedInUser, type UserRow } from './signed-in-user.js';
import { taskOwnershipRefusal } from './task-ownership.js';

const row = (role: UserRow['role'], id = `${role}-id`): UserRow => ({ id, name: `A ${role}`, email: `${role}@example.com`, role, level: role === 'manager' ? 'junior' : null, team_name: 'Sales', team_kind: 'sales' });
const user = (role: UserRow['role'], id?: string) => signedInUser(row(role, id));

describe('access policy', () => {
  it.each([
    ['POST', '/engine-rest/deployment/create', 'designer'],
    ['DELETE', '/engine-rest/deployment/d1', 'designer'],
    ['DELETE', '/engine-rest/process-instance/p1', 'cockpit'],
    ['POST', '/engine-rest/process-instance/delete', 'cockpit'],
    ['POST', '/engine-rest/process-instance/p1/modification', 'cockpit'],
    ['PUT', '/engine-rest/process-instance/p1/variables/amount', 'cockpit'],
    ['PUT', '/engine-rest/job/j1/retries', 'cockpit'],
    ['POST', '/engine-rest/job/retries', 'cockpit'],
    ['PUT', '/engine-rest/external-task/e1/retries', 'cockpit'],
    ['DELETE', '/engine-rest/batch/b1', 'cockpit'],
    ['PUT', '/engine-rest/batch/b1/suspended', 'cockpit'],
    ['DELETE', '/engine-rest/history/batch/b1', 'cockpit'],
    ['POST', '/engine-rest/external-task/retries-async', 'cockpit'],
    ['POST', '/engine-rest/task/t1/complete', 'tasklist'],
    ['PUT', '/engine-rest/task/t1', 'tasklist'],
    ['POST', '/api/tasks/t1/claim', 'tasklist'],
    ['PATCH', '/api/users/u1', 'admin'],
  ])('%s %s takes %s', (method, path, needs) => {
    expect(requirementOf(method, path)?.needs).toBe(needs);
  });

  it.each([
    ['GET', '/engine-rest/deployment'],
    ['POST', '/engine-rest/process-instance'],
    ['POST', '/engine-rest/process-instance/count'],
    ['POST', '/engine-rest/task'],
    ['POST', '/engine-rest/process-definition/key/lead/start'],
    ['POST', '/engine-rest/message'],
    ['POST', '/engine-rest/external-task/fetchAndLock'],
    ['POST', '/api/deals'],
    ['GET', '/api/users'],
  ])('%s %s is open to every signed-in user', (method, path) => {
    expect(requirementOf(method, path)).toBeNull();
  });

  it('names the task of a task operation', () => {
    expect(requirementOf('POST', '/engine-rest/task/a%20b/claim')).toMatchObject({ task: 'claim', taskId: 'a b' });
    expect(requirementOf('POST', '/api/tasks/t9/complete')).toMatchObject({ task: 'work', taskId: 't9' });
  });

  it('opens areas by role and says which role a refused request takes', () => {
    expect(meets(user('admin'), 'designer') && meets(user('admin'), 'cockpit') && meets(user('admin'), 'admin')).toBe(true);
    expect(meets(user('head'), 'tasklist')).toBe(true);
    expect(meets(user('ops'), 'tasklist')).toBe(false);
    expect(meets(user('analyst'), 'admin')).toBe(false);
    expect(refusal(user('manager'), requirementOf('POST', '/engine-rest/deployment/create')!)).toBe('A manager (manager) may not deploy processes: that takes the role analyst or admin');
  });
});

describe('task ownership', () => {
  const mary = user('manager', 'mary');
  const head = user('head', 'hedda');

  it('lets anyone work on a free task and the assignee on theirs', () => {
    expect(taskOwnershipRefusal(mary, { operation: 'work', assignee: null, toUserId: null })).toBeNull();
    expect(taskOwnershipRefusal(mary, { operation: 'work', assignee: 'mary', toUserId: null })).toBeNull();
    expect(taskOwnershipRefusal(mary, { operation: 'work', assignee: 'max', toUserId: null })).toMatch(/assigned to max/);
  });

  it('lets only supervisors give tasks to someone else or take them from someone', () => {
    expect(taskOwnershipRefusal(mary, { operation: 'claim', assignee: null, toUserId: 'mary' })).toBeNull();
    expect(taskOwnershipRefusal(mary, { operation: 'claim', assignee: null, toUserId: 'max' })).toMatch(/give a task to someone else/);
    expect(taskOwnershipRefusal(mary, { operation: 'assign', assignee: 'mary', toUserId: null })).toBeNull();
    expect(taskOwnershipRefusal(mary, { operation: 'assign', assignee: 'max', toUserId: 'mary' })).toMatch(/assigned to max/);
    expect(taskOwnershipRefusal(head, { operation: 'assign', assignee: 'max', toUserId: 'mary' })).toBeNull();
    expect(taskOwnershipRefusal(head, { operation: 'work', assignee: 'max', toUserId: null })).toBeNull();
  });

  it('leaves an unknown task to the controller (404)', () => {
    expect(taskOwnershipRefusal(mary, { operation: 'work', assignee: undefined, toUserId: null })).toBeNull();
  });
});
