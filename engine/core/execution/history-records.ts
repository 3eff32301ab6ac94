import type { HistoricDecisionInstanceRecord } from '../dmn/decision-records.js';
import type { TypedValue } from '../variables/index.js';
import type { IncidentType, ProcessInstanceState } from './records.js';

export interface HistoricProcessInstanceRecord {
  readonly id: string;
  readonly businessKey: string | null;
  readonly definitionId: string;
  readonly definitionKey: string;
  readonly definitionName: string | null;
  readonly definitionVersion: number;
  readonly startTime: Date;
  readonly endTime: Date | null;
  readonly startUserId: string | null;
  readonly startActivityId: string | null;
  readonly endActivityId: string | null;
  readonly superInstanceId: string | null;
  readonly rootInstanceId: string;
  readonly state: ProcessInstanceState;
  readonly deleteReason: string | null;
  readonly tenantId: string | null;
}

export interface HistoricActivityInstanceRecord {
  readonly id: string;
  readonly parentActivityInstanceId: string | null;
  readonly activityId: string;
  readonly activityName: string | null;
  readonly activityType: string;
  readonly processInstanceId: string;
  readonly definitionId: string;
  readonly definitionKey: string;
  readonly taskId: string | null;
  readonly calledProcessInstanceId: string | null;
  readonly assignee: string | null;
  readonly startTime: Date;
  readonly endTime: Date | null;
  readonly canceled: boolean;
  readonly completeScope: boolean;
  readonly tenantId: string | null;
}

export interface HistoricVariableRecord {
  readonly id: string;
  readonly processInstanceId: string;
  readonly definitionId: string;
  readonly definitionKey: string;
  /** the scope's activity instance id (the process instance id for process variables) */
  readonly activityInstanceId: string;
  readonly taskId: string | null;
  readonly name: string;
  readonly value: TypedValue;
  readonly state: 'CREATED' | 'DELETED';
  readonly createTime: Date;
  readonly removalTime: Date | null;
  readonly tenantId: string | null;
}

export interface HistoricTaskRecord {
  readonly id: string;
  readonly processInstanceId: string;
  readonly definitionId: string;
  readonly definitionKey: string;
  readonly activityInstanceId: string;
  readonly taskDefinitionKey: string;
  readonly name: string | null;
  readonly description: string | null;
  readonly assignee: string | null;
  readonly owner: string | null;
  /** who the task was offered to when it last changed: visibility of the task's history follows them */
  readonly candidateUsers: readonly string[];
  readonly candidateGroups: readonly string[];
  readonly priority: number;
  readonly due: Date | null;
  readonly followUp: Date | null;
  readonly startTime: Date;
  readonly endTime: Date | null;
  readonly deleteReason: string | null;
  readonly tenantId: string | null;
}

export interface HistoricIncidentRecord {
  readonly id: string;
  readonly type: IncidentType;
  readonly processInstanceId: string;
  readonly definitionId: string;
  readonly activityId: string;
  readonly message: string | null;
  readonly configuration: string | null;
  readonly created: Date;
  readonly endTime: Date | null;
  readonly state: 'OPEN' | 'RESOLVED' | 'DELETED';
  readonly tenantId: string | null;
}

export type HistoryRecord =
  | { readonly table: 'processInstance'; readonly row: HistoricProcessInstanceRecord }
  | { readonly table: 'activityInstance'; readonly row: HistoricActivityInstanceRecord }
  | { readonly table: 'variable'; readonly row: HistoricVariableRecord }
  | { readonly table: 'task'; readonly row: HistoricTaskRecord }
  | { readonly table: 'incident'; readonly row: HistoricIncidentRecord }
  | { readonly table: 'decisionInstance'; readonly row: HistoricDecisionInstanceRecord };
