import type { HistoricActivityInstanceRecord, HistoricProcessInstanceRecord } from '../../engine/core/execution/history-records.js';
import type { TaskRecord } from '../../engine/core/execution/records.js';
import type { Activity } from '../activities/activity.entity.js';

export interface Who {
  readonly id: string;
  readonly name: string | null;
}

export type TimelineEntry =
  | { readonly at: Date; readonly kind: 'change'; readonly who: Who; readonly action: string; readonly changes: Record<string, [unknown, unknown]> }
  | { readonly at: Date; readonly kind: 'activity'; readonly who: Who | null; readonly activity: Activity }
  | {
      readonly at: Date;
      readonly kind: 'process';
      readonly who: Who | null;
      readonly processInstanceId: string;
      readonly processDefinitionKey: string;
      readonly step: string;
      readonly stepType: string;
      readonly endedAt: Date | null;
      readonly canceled: boolean;
    };

export interface ChangeRow {
  actor: string;
  action: string;
  changes: Record<string, [unknown, unknown]>;
  at: Date;
}

/** element types worth a line on a timeline (gateways and the like are plumbing) */
const SHOWN_STEPS = new Set(['startEvent', 'endEvent', 'noneEndEvent', 'userTask', 'serviceTask', 'sendTask', 'receiveTask', 'businessRuleTask', 'scriptTask', 'manualTask', 'task', 'callActivity', 'subProcess', 'boundaryTimer', 'boundaryMessage', 'boundarySignal', 'boundaryError', 'boundaryEscalation', 'boundaryEvent', 'intermediateTimer', 'intermediateMessageCatch', 'intermediateSignalCatch', 'intermediateCatchEvent', 'intermediateThrowEvent', 'messageEndEvent', 'errorEndEvent', 'terminateEndEvent', 'escalationEndEvent', 'signalEndEvent']);

export function isShownStep(activityType: string): boolean {
  return SHOWN_STEPS.has(activityType) || !/gateway|multiInstanceBody|process/i.test(activityType);
}

export function changeEntry(row: ChangeRow, names: Map<string, string>): TimelineEntry {
  return { at: new Date(row.at), kind: 'change', who: { id: row.actor, name: names.get(row.actor) ?? null }, action: row.action, changes: row.changes };
}

export function activityEntry(activity: Activity, names: Map<string, string>): TimelineEntry {
  const whoId = activity.ownerId ?? activity.createdBy;
  return { at: activity.doneAt ?? activity.createdAt, kind: 'activity', who: whoId ? { id: whoId, name: names.get(whoId) ?? null } : null, activity };
}

/** a user task's step is named as its task was (the model's name may be an expression), other steps by their model name */
export function stepEntries(instance: HistoricProcessInstanceRecord, steps: readonly HistoricActivityInstanceRecord[], names: Map<string, string>, taskNames: ReadonlyMap<string, string> = new Map()): TimelineEntry[] {
  return steps
    .filter((s) => isShownStep(s.activityType))
    .map((s) => {
      const whoId = s.assignee ?? (s.activityType === 'startEvent' ? instance.startUserId : null);
      return {
        at: s.startTime,
        kind: 'process' as const,
        who: whoId ? { id: whoId, name: names.get(whoId) ?? null } : null,
        processInstanceId: instance.id,
        processDefinitionKey: instance.definitionKey,
        step: (s.taskId ? taskNames.get(s.taskId) : undefined) ?? s.activityName ?? s.activityId,
        stepType: s.activityType,
        endedAt: s.endTime,
        canceled: s.canceled,
      };
    });
}

export function taskView(task: TaskRecord, names: Map<string, string>) {
  return {
    id: task.id,
    name: task.name ?? task.taskDefinitionKey,
    taskDefinitionKey: task.taskDefinitionKey,
    processInstanceId: task.processInstanceId,
    processDefinitionKey: task.definitionKey,
    assignee: task.assignee ? { id: task.assignee, name: names.get(task.assignee) ?? null } : null,
    candidateGroups: task.candidateGroups,
    candidateUsers: task.candidateUsers,
    due: task.due,
    created: task.created,
    priority: task.priority,
    businessKey: task.businessKey,
  };
}

export function instanceView(instance: HistoricProcessInstanceRecord) {
  return {
    id: instance.id,
    processDefinitionKey: instance.definitionKey,
    processDefinitionName: instance.definitionName,
    version: instance.definitionVersion,
    state: instance.state,
    startTime: instance.startTime,
    endTime: instance.endTime,
    startUserId: instance.startUserId,
  };
}
