import type { ElementRuntime } from './element-runtime.js';
import type { TaskRecord } from './records.js';

/**
 * Writes a change of an open task: its record and history, the user task activity's assignee, and,
 * when it is now assigned to somebody else, the task's `assignment` listeners (unless told not to).
 */
export function changeTask(ctx: ElementRuntime, task: TaskRecord, patch: Partial<TaskRecord>, options = { assignmentListeners: true }): void {
  const updated = ctx.aggregate.tasks.update(task.id, patch);
  ctx.history.task(updated, null);
  if (!('assignee' in patch)) return;
  const ei = ctx.element(updated.elementInstanceId);
  if (!ei) return;
  const node = ctx.nodeOf(ei);
  ctx.history.activityUpdated(ei, node, { taskId: updated.id, assignee: updated.assignee });
  if (options.assignmentListeners && updated.assignee !== null && updated.assignee !== task.assignee) {
    ctx.runListeners(node.taskListeners, 'assignment', ei.id, node.id, updated.id);
  }
}
