import { ExecutionError } from '../../errors/index.js';
import type { ElementBehavior, ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord, TaskRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';
import { addDuration, parseIsoDuration } from '../../timers/index.js';
import { isStorableDate } from '../../variables/index.js';
import { TASK_PRIORITY_RANGE, taskDate, taskPriority } from '../../execution/task-fields.js';
import { evaluateFormRef } from '../shared/form-ref.js';

const DEFAULT_PRIORITY = 50;

/**
 * A user task creates a task for people and waits until one of them completes it. Its task listeners
 * run as Camunda 7 runs them: `create` once the task has all its properties, then `assignment` if it
 * has an assignee by then; `complete` with the completion's variables set, before the task goes;
 * `delete` when the task is cancelled instead (a boundary event, a deletion), before it goes.
 */
export const userTaskBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    const task = createTask(ctx, ei, node);
    ctx.aggregate.tasks.insert(task);
    ctx.history.task(task, null);
    ctx.history.activityUpdated(ei, node, { taskId: task.id, assignee: task.assignee });
    ctx.runListeners(node.taskListeners, 'create', ei.id, node.id, task.id);
    const created = ctx.aggregate.tasks.get(task.id);
    if (created?.assignee) ctx.runListeners(node.taskListeners, 'assignment', ei.id, node.id, task.id);
  },
  onTrigger(ctx, ei, node, trigger) {
    if (trigger.kind !== 'taskCompleted') return;
    ctx.runListeners(node.taskListeners, 'complete', ei.id, node.id, trigger.taskId);
    const task = ctx.aggregate.tasks.get(trigger.taskId);
    if (!task) return;
    ctx.aggregate.tasks.delete(task.id);
    ctx.history.task(task, { endTime: ctx.now(), deleteReason: 'completed' });
    ctx.history.activityUpdated(ei, node, { taskId: task.id, assignee: task.assignee });
    ctx.complete(ei);
  },
  onTerminate(ctx, ei, node) {
    if (!node.taskListeners) return;
    for (const task of ctx.aggregate.tasks.filter((t) => t.elementInstanceId === ei.id)) {
      ctx.runListeners(node.taskListeners, 'delete', ei.id, node.id, task.id);
    }
  },
};

function createTask(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): TaskRecord {
  const spec = node.userTask!;
  const text = (value: unknown) => (value === null || value === undefined || value === '' ? null : String(value));
  const evaluate = (expr: typeof spec.assignee) => (expr ? ctx.evaluate(expr, ei.id, node.id) : null);
  const priority = evaluate(spec.priority);
  return {
    id: ctx.newId(),
    processInstanceId: ctx.aggregate.id,
    elementInstanceId: ei.id,
    definitionId: ctx.definition.record.id,
    definitionKey: ctx.definition.record.key,
    taskDefinitionKey: node.id,
    name: text(evaluate(spec.name)),
    description: text(evaluate(spec.description)),
    assignee: text(evaluate(spec.assignee)),
    owner: null,
    candidateUsers: toList(evaluate(spec.candidateUsers)),
    candidateGroups: toList(evaluate(spec.candidateGroups)),
    priority: priority === null ? DEFAULT_PRIORITY : toInteger(priority, node.id),
    due: toDate(evaluate(spec.dueDate), node.id, 'dueDate', ctx.now()),
    followUp: toDate(evaluate(spec.followUpDate), node.id, 'followUpDate', ctx.now()),
    formKey: text(evaluate(spec.formKey)),
    formRef: spec.formRef ? evaluateFormRef(spec.formRef, (expr) => ctx.evaluate(expr, ei.id, node.id), node.id) : null,
    created: ctx.now(),
    delegationState: null,
    businessKey: ctx.aggregate.instance.businessKey,
    tenantId: ctx.aggregate.instance.tenantId,
  };
}

/** candidate lists: a comma-separated string or a collection */
function toList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return [...new Set(items.map((s) => s.trim()).filter(Boolean))];
}

function toInteger(value: unknown, elementId: string): number {
  const n = taskPriority(value);
  if (n === undefined) {
    throw new ExecutionError(`Expected the priority of '${elementId}' to be ${TASK_PRIORITY_RANGE}, but got '${String(value)}'`, elementId);
  }
  return n;
}

/** a Date, an ISO 8601 date-time, or (our extension) an ISO 8601 duration from now such as P3D */
function toDate(value: unknown, elementId: string, attribute: string, now: Date): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const refused = () => new ExecutionError(`Expected the ${attribute} of '${elementId}' to be a date in the years 0001 to 9999, but got '${String(value)}'`, elementId);
  const text = String(value).trim();
  let date: Date | undefined;
  try {
    date = !(value instanceof Date) && /^P/i.test(text) ? addDuration(now, parseIsoDuration(text)) : taskDate(value);
  } catch {
    throw refused();
  }
  if (!date || !isStorableDate(date)) throw refused();
  return date;
}
