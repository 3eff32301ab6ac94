import { BadUserRequestError, NotFoundError } from '../errors/index.js';
import type { TaskRecord } from '../execution/records.js';
import { changeTask } from '../execution/task-changes.js';
import type { TypedValue } from '../variables/index.js';
import type { CommandScope, LoadedInstance } from './command-scope.js';
import { checkFourEyes } from './four-eyes.js';
import { checkTaskWrites, type TaskActor } from './task-writes.js';

async function loadTask(scope: CommandScope, taskId: string): Promise<{ loaded: LoadedInstance; task: TaskRecord }> {
  const loaded = await scope.instanceOfTask(taskId);
  const task = loaded?.aggregate.tasks.get(taskId);
  if (!loaded || !task) throw new NotFoundError(`Cannot find task with id ${taskId}`);
  return { loaded, task };
}

/** changes the task; a new assignee runs its assignment listeners, whose variables may fire conditional events */
async function saveTask(scope: CommandScope, loaded: LoadedInstance, task: TaskRecord, patch: Partial<TaskRecord>): Promise<void> {
  changeTask(loaded.ctx, task, patch);
  await scope.settle(loaded.ctx);
}

export interface CompleteTaskRequest {
  readonly taskId: string;
  readonly variables: ReadonlyMap<string, TypedValue>;
  readonly localVariables?: ReadonlyMap<string, TypedValue>;
  /** who completes it; absent: the application itself */
  readonly actor?: TaskActor | null;
}

export async function completeTask(scope: CommandScope, request: CompleteTaskRequest): Promise<{ variables: ReadonlyMap<string, TypedValue> }> {
  const { loaded, task } = await loadTask(scope, request.taskId);
  request.actor?.mayWorkOn?.(task);
  if (task.delegationState === 'PENDING') {
    throw new BadUserRequestError(`Cannot complete task '${task.id}': it is delegated and must be resolved first`);
  }
  const actor = request.actor ?? null;
  checkFourEyes(loaded, task, actor?.userId, 'complete');
  if (request.localVariables) await checkTaskWrites(scope, loaded, task, { variables: request.localVariables, local: true }, actor);
  await checkTaskWrites(scope, loaded, task, { variables: request.variables }, actor);
  const ei = loaded.ctx.requireElement(task.elementInstanceId);
  if (request.localVariables) loaded.ctx.variables.setLocalAll(ei.id, request.localVariables);
  loaded.ctx.variables.setAll(ei.id, request.variables);
  loaded.ctx.trigger(ei, { kind: 'taskCompleted', taskId: task.id });
  await scope.settle(loaded.ctx);
  return { variables: loaded.ctx.variablesAtEnd ?? loaded.ctx.variables.visible(loaded.aggregate.id) };
}

export async function claimTask(scope: CommandScope, taskId: string, userId: string): Promise<void> {
  const { loaded, task } = await loadTask(scope, taskId);
  if (task.assignee && task.assignee !== userId) {
    throw new BadUserRequestError(`Cannot claim task '${taskId}': it is already claimed by '${task.assignee}'`, 'TASK_ALREADY_CLAIMED');
  }
  checkFourEyes(loaded, task, userId, 'claim');
  await saveTask(scope, loaded, task, { assignee: userId });
}

export async function setTaskAssignee(scope: CommandScope, taskId: string, userId: string | null): Promise<void> {
  const { loaded, task } = await loadTask(scope, taskId);
  checkFourEyes(loaded, task, userId, 'be given');
  await saveTask(scope, loaded, task, { assignee: userId });
}

export async function delegateTask(scope: CommandScope, taskId: string, userId: string): Promise<void> {
  const { loaded, task } = await loadTask(scope, taskId);
  checkFourEyes(loaded, task, userId, 'be given');
  await saveTask(scope, loaded, task, { owner: task.owner ?? task.assignee, assignee: userId, delegationState: 'PENDING' });
}

export async function resolveTask(scope: CommandScope, taskId: string, variables: ReadonlyMap<string, TypedValue>, actor: TaskActor | null = null): Promise<void> {
  const { loaded, task } = await loadTask(scope, taskId);
  if (task.delegationState !== 'PENDING') throw new BadUserRequestError(`Cannot resolve task '${taskId}': it is not delegated`);
  checkFourEyes(loaded, task, actor?.userId, 'work on');
  await checkTaskWrites(scope, loaded, task, { variables }, actor);
  loaded.ctx.variables.setAll(task.elementInstanceId, variables);
  // the variables may fire conditional events
  await saveTask(scope, loaded, task, { assignee: task.owner, delegationState: 'RESOLVED' });
}

export interface TaskUpdate {
  readonly name?: string | null;
  readonly description?: string | null;
  readonly priority?: number;
  readonly due?: Date | null;
  readonly followUp?: Date | null;
  readonly owner?: string | null;
  readonly assignee?: string | null;
}

export async function updateTask(scope: CommandScope, taskId: string, update: TaskUpdate): Promise<void> {
  const { loaded, task } = await loadTask(scope, taskId);
  if (update.assignee !== task.assignee) checkFourEyes(loaded, task, update.assignee, 'be given');
  await saveTask(scope, loaded, task, Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)) as Partial<TaskRecord>);
}

export type { TaskActor };

export type IdentityLinkChange = { readonly type: 'candidate'; readonly userId?: string; readonly groupId?: string };

export async function changeIdentityLink(scope: CommandScope, taskId: string, link: IdentityLinkChange, add: boolean): Promise<void> {
  const { loaded, task } = await loadTask(scope, taskId);
  const change = (list: readonly string[], value: string | undefined) =>
    value === undefined ? list : add ? [...new Set([...list, value])] : list.filter((v) => v !== value);
  await saveTask(scope, loaded, task, {
    candidateUsers: change(task.candidateUsers, link.userId),
    candidateGroups: change(task.candidateGroups, link.groupId),
  });
}

export async function setTaskVariables(scope: CommandScope, taskId: string, variables: ReadonlyMap<string, TypedValue>, local: boolean, actor: TaskActor | null = null): Promise<void> {
  const { loaded, task } = await loadTask(scope, taskId);
  checkFourEyes(loaded, task, actor?.userId, 'work on');
  await checkTaskWrites(scope, loaded, task, { variables, local }, actor);
  if (local) loaded.ctx.variables.setLocalAll(task.elementInstanceId, variables);
  else loaded.ctx.variables.setAll(task.elementInstanceId, variables);
  await scope.settle(loaded.ctx);
}
