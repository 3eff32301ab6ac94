import { signedInUser, type UserRow } from './signed-in-user.js';
import { taskOwnershipRefusal, taskTargets, type OwnedTask, type TaskOwnershipRequest } from './task-ownership.js';

const user = (role: UserRow['role'], id: string, team: UserRow['team_kind'] = 'sales') =>
  signedInUser({ id, name: id, email: `${id}@example.com`, role, level: null, team_id: team ? `team-${team}` : null, team_name: team, team_kind: team });
const task = (people: Partial<OwnedTask> = {}): OwnedTask => ({ id: 't1', name: 'Approve', assignee: null, owner: null, candidateUsers: [], candidateGroups: [], ...people });
const ask = (operation: TaskOwnershipRequest['operation'], of: OwnedTask, more: Partial<TaskOwnershipRequest> = {}): TaskOwnershipRequest =>
  ({ operation, task: of, toUsers: [], toGroups: [], team: null, ...more });

const mary = user('manager', 'mary');
const hedda = user('head', 'hedda');
const dora = user('director', 'dora', null);
const salesTeam = { members: ['hedda', 'mary', 'max'], groups: ['head', 'manager', 'sales'] };

describe('task ownership', () => {
  it('a task that is not one’s own nor supervised does not exist (404)', () => {
    expect(taskOwnershipRefusal(mary, ask('read', task({ candidateGroups: ['director'] })))?.status).toBe(404);
    expect(taskOwnershipRefusal(mary, ask('read', task({ assignee: 'otto' })))).toEqual({ status: 404, message: 'No matching task with id t1' });
    expect(taskOwnershipRefusal(mary, ask('claim', task({ candidateGroups: ['director'] })))?.message).toMatch(/may not claim task .*: it is offered to the candidate groups director, not to/);
    expect(taskOwnershipRefusal(mary, ask('work', task({ assignee: 'otto' })))?.status).toBe(403);
    expect(taskOwnershipRefusal(mary, ask('read', task({ candidateGroups: ['manager'] })))).toBeNull();
    expect(taskOwnershipRefusal(mary, ask('read', task({ candidateUsers: ['mary'] })))).toBeNull();
    expect(taskOwnershipRefusal(mary, ask('read', task({ owner: 'mary', assignee: 'max' })))).toBeNull();
  });

  it('candidates work on an unclaimed task; once claimed it is the assignee’s: the others no longer see it (404) nor work on it (403 naming them)', () => {
    expect(taskOwnershipRefusal(mary, ask('claim', task({ candidateGroups: ['manager'] }), { toUsers: [] }))).toBeNull();
    expect(taskOwnershipRefusal(mary, ask('work', task({ candidateGroups: ['manager'] })))).toBeNull();
    const claimed = task({ candidateGroups: ['manager'], assignee: 'max' });
    expect(taskOwnershipRefusal(mary, ask('read', claimed))?.status).toBe(404);
    expect(taskOwnershipRefusal(mary, ask('work', claimed))).toEqual({ status: 403, message: "mary (manager) may not work on task 'Approve': max has claimed it, and only they or a supervisor (their head, a director, an admin) may work on it now" });
    expect(taskOwnershipRefusal(mary, ask('claim', claimed))?.status).toBe(403);
  });

  it('only supervisors give a task to someone else; a head only within their team', () => {
    const offered = task({ candidateGroups: ['manager'] });
    expect(taskOwnershipRefusal(mary, ask('assign', offered, { toUsers: ['max'] }))?.message).toMatch(/may not give task 'Approve' to someone else/);
    expect(taskOwnershipRefusal(hedda, ask('assign', offered, { toUsers: ['max'], team: salesTeam }))).toBeNull();
    expect(taskOwnershipRefusal(hedda, ask('assign', offered, { toUsers: ['avery'], team: salesTeam }))?.message).toMatch(/a head gives tasks only to members of their own team/);
    expect(taskOwnershipRefusal(dora, ask('assign', offered, { toUsers: ['avery'] }))).toBeNull();
  });

  it('a head supervises what their team could work on, nothing else', () => {
    expect(taskOwnershipRefusal(hedda, ask('work', task({ assignee: 'max' }), { team: salesTeam }))).toBeNull();
    expect(taskOwnershipRefusal(hedda, ask('read', task({ assignee: 'avery' }), { team: salesTeam }))?.status).toBe(404);
    expect(taskOwnershipRefusal(hedda, ask('read', task({ candidateUsers: ['avery'] }), { team: salesTeam }))?.status).toBe(404);
    expect(taskOwnershipRefusal(hedda, ask('read', task({ assignee: 'avery', candidateGroups: ['manager'] }), { team: salesTeam }))?.status).toBe(404);
    expect(taskOwnershipRefusal(dora, ask('work', task({ assignee: 'avery' })))).toBeNull();
  });

  it('only directors and admins offer tasks to groups', () => {
    const mine = task({ assignee: 'hedda' });
    expect(taskOwnershipRefusal(hedda, ask('assign', mine, { toGroups: ['director'], team: salesTeam }))?.message).toMatch(/may not offer task 'Approve' to groups/);
    expect(taskOwnershipRefusal(dora, ask('assign', mine, { toGroups: ['director'] }))).toBeNull();
  });

  it('reads whom a request gives the task to from its body', () => {
    const current = task({ assignee: 'max', owner: 'otto' });
    expect(taskTargets('claim', {}, mary, current)).toEqual({ users: [], groups: [] });
    expect(taskTargets('claim', { userId: 'max' }, mary, current)).toEqual({ users: ['max'], groups: [] });
    expect(taskTargets('assign', { userId: 'ann', type: 'candidate' }, mary, current)).toEqual({ users: ['ann'], groups: [] });
    expect(taskTargets('assign', { groupId: 'director', type: 'candidate' }, mary, current)).toEqual({ users: [], groups: ['director'] });
    expect(taskTargets('assign', { name: 'x', assignee: 'max', owner: 'otto' }, mary, current)).toEqual({ users: [], groups: [] });
    expect(taskTargets('assign', { assignee: 'ann', owner: 'bob' }, mary, current)).toEqual({ users: ['ann', 'bob'], groups: [] });
    expect(taskTargets('work', { userId: 'ann' }, mary, current)).toEqual({ users: [], groups: [] });
  });
});
