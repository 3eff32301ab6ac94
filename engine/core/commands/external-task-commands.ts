import { throwBpmnError } from '../behaviors/shared/bpmn-errors.js';
import { BadUserRequestError, NotFoundError } from '../errors/index.js';
import type { ExternalTaskRecord } from '../execution/records.js';
import type { TypedValue } from '../variables/index.js';
import type { CommandScope, LoadedInstance } from './command-scope.js';
import { openIncident, resolveIncidents } from './incidents.js';

async function loadExternalTask(scope: CommandScope, id: string): Promise<{ loaded: LoadedInstance; task: ExternalTaskRecord }> {
  const found = await scope.tx.findExternalTask(id);
  const loaded = found ? await scope.instance(found.processInstanceId) : null;
  const task = loaded?.aggregate.externalTasks.get(id);
  if (!loaded || !task) throw new NotFoundError(`External task with id ${id} does not exist`);
  return { loaded, task };
}

function requireLockedBy(task: ExternalTaskRecord, workerId: string, action: string): void {
  if (task.workerId !== workerId) {
    throw new BadUserRequestError(
      `External Task ${task.id} cannot be ${action} by worker '${workerId}'. It is locked by worker '${task.workerId ?? '(nobody)'}'.`,
      'EXTERNAL_TASK_LOCKED_BY_OTHER',
    );
  }
}

export interface CompleteExternalTaskRequest {
  readonly id: string;
  readonly workerId: string;
  readonly variables: ReadonlyMap<string, TypedValue>;
  readonly localVariables: ReadonlyMap<string, TypedValue>;
}

export async function completeExternalTask(scope: CommandScope, request: CompleteExternalTaskRequest): Promise<void> {
  const { loaded, task } = await loadExternalTask(scope, request.id);
  requireLockedBy(task, request.workerId, 'completed');
  const ei = loaded.ctx.requireElement(task.elementInstanceId);
  loaded.ctx.variables.setLocalAll(ei.id, request.localVariables);
  loaded.ctx.variables.setAll(ei.id, request.variables);
  loaded.ctx.trigger(ei, { kind: 'externalTaskCompleted', externalTaskId: task.id });
  await scope.settle(loaded.ctx);
}

export interface ExternalTaskFailure {
  readonly id: string;
  readonly workerId: string;
  readonly errorMessage: string | null;
  readonly errorDetails: string | null;
  readonly retries: number;
  readonly retryTimeoutMs: number;
}

export async function failExternalTask(scope: CommandScope, failure: ExternalTaskFailure): Promise<void> {
  const { loaded, task } = await loadExternalTask(scope, failure.id);
  requireLockedBy(task, failure.workerId, 'failed');
  const retries = Math.max(0, failure.retries);
  loaded.aggregate.externalTasks.update(task.id, {
    retries,
    errorMessage: failure.errorMessage,
    errorDetails: failure.errorDetails,
    lockExpiration: new Date(scope.now().getTime() + Math.max(0, failure.retryTimeoutMs)),
  });
  if (retries === 0) openIncident(loaded.ctx, 'failedExternalTask', task.elementInstanceId, task.activityId, failure.errorMessage, task.id);
}

export interface ExternalTaskBpmnError {
  readonly id: string;
  readonly workerId: string;
  readonly errorCode: string;
  readonly errorMessage: string | null;
  readonly variables: ReadonlyMap<string, TypedValue>;
}

export async function reportExternalTaskBpmnError(scope: CommandScope, error: ExternalTaskBpmnError): Promise<void> {
  const { loaded, task } = await loadExternalTask(scope, error.id);
  requireLockedBy(task, error.workerId, 'reported with a BPMN error');
  const ei = loaded.ctx.requireElement(task.elementInstanceId);
  loaded.ctx.variables.setAll(ei.id, error.variables);
  loaded.aggregate.externalTasks.delete(task.id);
  throwBpmnError(loaded.ctx, ei, { code: error.errorCode, message: error.errorMessage }, 'end');
  await scope.settle(loaded.ctx);
}

export async function extendExternalTaskLock(scope: CommandScope, id: string, workerId: string, newDurationMs: number): Promise<void> {
  const { loaded, task } = await loadExternalTask(scope, id);
  requireLockedBy(task, workerId, 'extended');
  if (!task.lockExpiration || task.lockExpiration.getTime() < scope.now().getTime()) {
    throw new BadUserRequestError(`Cannot extend the lock of external task ${id}: its lock has expired`, 'EXTERNAL_TASK_LOCK_EXPIRED');
  }
  loaded.aggregate.externalTasks.update(id, { lockExpiration: new Date(scope.now().getTime() + newDurationMs) });
}

export async function unlockExternalTask(scope: CommandScope, id: string): Promise<void> {
  const { loaded } = await loadExternalTask(scope, id);
  loaded.aggregate.externalTasks.update(id, { workerId: null, lockExpiration: null });
}

export async function setExternalTaskRetries(scope: CommandScope, id: string, retries: number): Promise<void> {
  const { loaded, task } = await loadExternalTask(scope, id);
  loaded.aggregate.externalTasks.update(id, { retries });
  if (retries > 0) resolveIncidents(loaded.ctx, task.id);
  else openIncident(loaded.ctx, 'failedExternalTask', task.elementInstanceId, task.activityId, task.errorMessage, task.id);
}

export async function setExternalTaskPriority(scope: CommandScope, id: string, priority: number): Promise<void> {
  const { loaded } = await loadExternalTask(scope, id);
  loaded.aggregate.externalTasks.update(id, { priority });
}
