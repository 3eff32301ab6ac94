import type { Area, SignedInUser } from './signed-in-user.js';

/** what a signed-in user needs for a request: to work in an area of the app, or to be an admin */
export type Need = Area | 'admin';

/** task operations also depend on whose task it is (see task-ownership.ts) */
export type TaskOperation = 'claim' | 'assign' | 'work';

interface AccessRule {
  readonly methods: readonly string[];
  readonly path: RegExp;
  readonly needs: Need;
  /** "may not <action>" in the refusal */
  readonly action: string;
  readonly task?: TaskOperation;
}

const ID = '[^/]+';
const rule = (methods: string, path: string, needs: Need, action: string, task?: TaskOperation): AccessRule => ({
  methods: methods.split('|'),
  path: new RegExp(`^${path}/?$`),
  needs,
  action,
  ...(task ? { task } : {}),
});

/**
 * Which signed-in users may change what. Reading is open to every signed-in user, and so is
 * anything not listed (starting processes, messages, signals, CRM records, external task workers).
 */
const RULES: readonly AccessRule[] = [
  rule('POST', '/engine-rest/deployment/create', 'designer', 'deploy processes'),
  rule('DELETE', `/engine-rest/deployment/${ID}`, 'designer', 'delete deployments'),

  rule('DELETE', `/engine-rest/process-instance/${ID}`, 'cockpit', 'cancel process instances'),
  rule('POST', '/engine-rest/process-instance/(delete|job-retries)', 'cockpit', 'run batch operations'),
  rule('POST', `/engine-rest/process-instance/${ID}/modification`, 'cockpit', 'move tokens'),
  rule('POST', `/engine-rest/process-instance/${ID}/variables`, 'cockpit', 'change process variables'),
  rule('PUT|DELETE', `/engine-rest/process-instance/${ID}/variables/${ID}`, 'cockpit', 'change process variables'),
  rule('POST|PUT', `/engine-rest/job/(retries|${ID}/retries|${ID}/execute)`, 'cockpit', 'retry or run jobs'),
  rule('POST|PUT', `/engine-rest/external-task/(retries|retries-async|${ID}/retries)`, 'cockpit', 'retry external tasks'),
  rule('POST|PUT|DELETE', '/engine-rest/batch(/.*)?', 'cockpit', 'run batch operations'),
  rule('DELETE', `/engine-rest/history/batch/${ID}`, 'cockpit', 'run batch operations'),

  rule('POST', `/engine-rest/task/${ID}/claim`, 'tasklist', 'claim tasks', 'claim'),
  rule('POST', `/engine-rest/task/${ID}/assignee`, 'tasklist', 'assign tasks', 'assign'),
  rule('POST', `/engine-rest/task/${ID}/(unclaim|delegate|resolve|complete|submit-form|variables|identity-links|identity-links/delete)`, 'tasklist', 'work on tasks', 'work'),
  rule('PUT', `/engine-rest/task/${ID}`, 'tasklist', 'work on tasks', 'work'),
  rule('POST', `/engine-rest/task/${ID}/comment/create`, 'tasklist', 'comment on tasks'),
  rule('POST', `/api/tasks/${ID}/claim`, 'tasklist', 'claim tasks', 'claim'),
  rule('POST', `/api/tasks/${ID}/complete`, 'tasklist', 'work on tasks', 'work'),

  rule('POST|PATCH|DELETE', '/api/(users|teams)(/.*)?', 'admin', 'manage users and teams'),
];

export interface Requirement {
  readonly needs: Need;
  readonly action: string;
  readonly task?: TaskOperation;
  /** the task id of a task operation */
  readonly taskId?: string;
}

/** the rule a request falls under, if any */
export function requirementOf(method: string, path: string): Requirement | null {
  const found = RULES.find((r) => r.methods.includes(method) && r.path.test(path));
  if (!found) return null;
  const taskId = found.task ? /^\/(?:engine-rest\/task|api\/tasks)\/([^/]+)/.exec(path)?.[1] : undefined;
  return { needs: found.needs, action: found.action, ...(found.task ? { task: found.task } : {}), ...(taskId ? { taskId: decodeURIComponent(taskId) } : {}) };
}

export function meets(user: SignedInUser, needs: Need): boolean {
  return needs === 'admin' ? user.role === 'admin' : user.areas.includes(needs);
}

/** "Oscar Ops (ops) may not deploy processes: that takes the role analyst or admin" */
export function refusal(user: SignedInUser, requirement: Requirement): string {
  const roles: Record<Need, string> = { designer: 'analyst or admin', tasklist: 'manager, head, director or admin', cockpit: 'ops or admin', admin: 'admin' };
  return `${user.name} (${user.role}) may not ${requirement.action}: that takes the role ${roles[requirement.needs]}`;
}
