import { ExpressionEvaluationError, HOST_OBJECT, methodNotAllowed, type HostObject } from '../expressions/index.js';
import { ownEntry } from '../shared/own-entry.js';
import { toJsValue } from '../variables/index.js';
import type { ElementRuntime } from './element-runtime.js';
import { ExecutionHostObject } from './execution-host-object.js';
import type { TaskRecord } from './records.js';
import { changeTask } from './task-changes.js';
import { TASK_PRIORITY_RANGE, taskDate, taskPriority } from './task-fields.js';

type TaskField = 'name' | 'description' | 'assignee' | 'owner' | 'priority' | 'due' | 'followUp';

/** the task's properties as Camunda's DelegateTask names them, and the record field behind each setter */
const SETTERS: Readonly<Record<string, TaskField>> = {
  setName: 'name', setDescription: 'description', setAssignee: 'assignee', setOwner: 'owner',
  setPriority: 'priority', setDueDate: 'due', setFollowUpDate: 'followUp',
};

/**
 * `task` in a task listener's expression, as Camunda's DelegateTask: `${task.assignee}`,
 * `${task.setAssignee(manager)}`, `${task.addCandidateGroup('sales')}`, `${task.setVariable('seen', true)}`.
 * Changes go to the open task at once (its history too); only these members exist.
 */
export class TaskHostObject implements HostObject {
  readonly [HOST_OBJECT] = true as const;

  constructor(
    private readonly ctx: ElementRuntime,
    private readonly taskId: string,
    private readonly eventName: string,
  ) {}

  private get task(): TaskRecord {
    const task = this.ctx.aggregate.tasks.get(this.taskId);
    if (!task) throw new ExpressionEvaluationError(`Task '${this.taskId}' is no longer open`);
    return task;
  }

  getProperty(name: string): unknown {
    const task = this.task;
    switch (name) {
      case 'id': return task.id;
      case 'name': return task.name;
      case 'description': return task.description;
      case 'assignee': return task.assignee;
      case 'owner': return task.owner;
      case 'priority': return task.priority;
      case 'dueDate': return task.due;
      case 'followUpDate': return task.followUp;
      case 'createTime': return task.created;
      case 'taskDefinitionKey': return task.taskDefinitionKey;
      case 'processInstanceId': return task.processInstanceId;
      case 'processDefinitionId': return task.definitionId;
      case 'executionId': return task.elementInstanceId;
      case 'tenantId': return task.tenantId;
      case 'eventName': return this.eventName;
      case 'candidateUsers': return [...task.candidateUsers];
      case 'candidateGroups': return [...task.candidateGroups];
      case 'execution': return new ExecutionHostObject(this.ctx, task.elementInstanceId, this.eventName);
      default: return null;
    }
  }

  callMethod(name: string, args: unknown[]): unknown {
    const setter = ownEntry(SETTERS, name);
    if (setter) {
      this.change({ [setter]: fieldValue(setter, args[0]) });
      return null;
    }
    const scopeId = this.task.elementInstanceId;
    switch (name) {
      case 'getVariable': {
        const variable = this.ctx.variables.find(scopeId, String(args[0]));
        return variable ? toJsValue(variable.value) : null;
      }
      case 'getVariableLocal': {
        const variable = this.ctx.variables.local(scopeId, String(args[0]));
        return variable ? toJsValue(variable.value) : null;
      }
      case 'hasVariable':
        return this.ctx.variables.find(scopeId, String(args[0])) !== undefined;
      case 'setVariable':
        this.ctx.variables.setJs(scopeId, String(args[0]), args[1]);
        return null;
      case 'setVariableLocal':
        this.ctx.variables.setJs(scopeId, String(args[0]), args[1], true);
        return null;
      case 'addCandidateUser':
      case 'addCandidateGroup':
      case 'deleteCandidateUser':
      case 'deleteCandidateGroup':
        this.changeCandidates(name, args[0]);
        return null;
      case 'getExecution':
        return this.getProperty('execution');
      default:
        if (name.startsWith('get') && name.length > 3) return this.getProperty(name[3]!.toLowerCase() + name.slice(4));
        throw methodNotAllowed(name, 'task');
    }
  }

  private changeCandidates(method: string, value: unknown): void {
    const id = requiredText(value, method);
    const task = this.task;
    const groups = method.endsWith('Group');
    const list = groups ? task.candidateGroups : task.candidateUsers;
    const changed = method.startsWith('add') ? [...new Set([...list, id])] : list.filter((v) => v !== id);
    this.change(groups ? { candidateGroups: changed } : { candidateUsers: changed });
  }

  /** a `create` listener's assignment fires no `assignment` of its own: the user task runs those once, after `create` */
  private change(patch: Partial<TaskRecord>): void {
    changeTask(this.ctx, this.task, patch, { assignmentListeners: this.eventName !== 'create' });
  }
}

function fieldValue(field: TaskField, value: unknown): unknown {
  if (field === 'priority') {
    const n = taskPriority(value);
    if (n === undefined) throw new ExpressionEvaluationError(`Expected a task priority to be ${TASK_PRIORITY_RANGE}, but got '${String(value)}'`);
    return n;
  }
  if (value === null || value === undefined || value === '') return null;
  if (field === 'due' || field === 'followUp') {
    const date = taskDate(value);
    if (!date) throw new ExpressionEvaluationError(`Expected a task date in the years 0001 to 9999, but got '${String(value)}'`);
    return date;
  }
  return String(value);
}

function requiredText(value: unknown, method: string): string {
  const text = value === null || value === undefined ? '' : String(value).trim();
  if (text === '') throw new ExpressionEvaluationError(`Expected ${method} to be given a user or group id, but it was empty`);
  return text;
}
