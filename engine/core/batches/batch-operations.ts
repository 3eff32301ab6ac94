import { setExternalTaskRetries } from '../commands/external-task-commands.js';
import { deleteProcessInstance } from '../commands/instance-commands.js';
import { setJobRetries } from '../commands/job-commands.js';
import type { CommandScope } from '../commands/command-scope.js';
import type { BatchConfiguration, BatchType } from './batch-records.js';

/**
 * What a batch does to one of its items, inside that item's own command. These are the engine's
 * ordinary commands: a batch adds no logic of its own. A target that no longer exists throws
 * NotFoundError, which the batch records as skipped.
 */
export type BatchItemOperation = (scope: CommandScope, targetId: string, configuration: BatchConfiguration) => Promise<void>;

export const BATCH_OPERATIONS: Readonly<Record<BatchType, BatchItemOperation>> = {
  'instance-deletion': (scope, instanceId, configuration) =>
    deleteProcessInstance(scope, instanceId, configuration.deleteReason ?? null, { skipCustomListeners: configuration.skipCustomListeners === true }),
  'set-job-retries': (scope, jobId, configuration) =>
    setJobRetries(scope, jobId, retriesOf(configuration), configuration.dueDate ? new Date(configuration.dueDate) : undefined),
  'set-external-task-retries': (scope, taskId, configuration) => setExternalTaskRetries(scope, taskId, retriesOf(configuration)),
};

function retriesOf(configuration: BatchConfiguration): number {
  return configuration.retries ?? 0;
}
