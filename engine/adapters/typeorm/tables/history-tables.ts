import type {
  HistoricActivityInstanceRecord, HistoricIncidentRecord, HistoricProcessInstanceRecord, HistoricTaskRecord, HistoricVariableRecord,
} from '../../../core/execution/history-records.js';
import { typedValueColumns } from './runtime-tables.js';
import { col, date, number, optionalDate, textArray, type Table } from './table.js';

export const histProcessInstanceTable: Table<HistoricProcessInstanceRecord> = {
  name: 'engine.hist_process_instance',
  columns: [
    col('id', 'id'),
    col('businessKey', 'business_key'),
    col('definitionId', 'definition_id'),
    col('definitionKey', 'definition_key'),
    col('definitionName', 'definition_name'),
    col('definitionVersion', 'definition_version', undefined, number),
    col('startTime', 'start_time', undefined, date),
    col('endTime', 'end_time', undefined, optionalDate),
    col('startUserId', 'start_user_id'),
    col('startActivityId', 'start_activity_id'),
    col('endActivityId', 'end_activity_id'),
    col('superInstanceId', 'super_instance_id'),
    col('rootInstanceId', 'root_instance_id'),
    col('state', 'state'),
    col('deleteReason', 'delete_reason'),
    col('tenantId', 'tenant_id'),
  ],
};

export const histActivityInstanceTable: Table<HistoricActivityInstanceRecord> = {
  name: 'engine.hist_activity_instance',
  columns: [
    col('id', 'id'),
    col('parentActivityInstanceId', 'parent_activity_instance_id'),
    col('activityId', 'activity_id'),
    col('activityName', 'activity_name'),
    col('activityType', 'activity_type'),
    col('processInstanceId', 'process_instance_id'),
    col('definitionId', 'definition_id'),
    col('definitionKey', 'definition_key'),
    col('taskId', 'task_id'),
    col('calledProcessInstanceId', 'called_process_instance_id'),
    col('assignee', 'assignee'),
    col('startTime', 'start_time', undefined, date),
    col('endTime', 'end_time', undefined, optionalDate),
    col('canceled', 'canceled'),
    col('completeScope', 'complete_scope'),
    col('tenantId', 'tenant_id'),
  ],
};

export const histVariableTable: Table<HistoricVariableRecord> = {
  name: 'engine.hist_variable',
  columns: [
    col('id', 'id'),
    col('processInstanceId', 'process_instance_id'),
    col('definitionId', 'definition_id'),
    col('definitionKey', 'definition_key'),
    col('activityInstanceId', 'activity_instance_id'),
    col('taskId', 'task_id'),
    col('name', 'name'),
    ...typedValueColumns<HistoricVariableRecord>(),
    col('state', 'state'),
    col('createTime', 'create_time', undefined, date),
    col('removalTime', 'removal_time', undefined, optionalDate),
    col('tenantId', 'tenant_id'),
  ],
};

export const histTaskTable: Table<HistoricTaskRecord> = {
  name: 'engine.hist_task',
  columns: [
    col('id', 'id'),
    col('processInstanceId', 'process_instance_id'),
    col('definitionId', 'definition_id'),
    col('definitionKey', 'definition_key'),
    col('activityInstanceId', 'activity_instance_id'),
    col('taskDefinitionKey', 'task_definition_key'),
    col('name', 'name'),
    col('description', 'description'),
    col('assignee', 'assignee'),
    col('owner', 'owner'),
    col('candidateUsers', 'candidate_users', (v) => [...v], textArray),
    col('candidateGroups', 'candidate_groups', (v) => [...v], textArray),
    col('priority', 'priority', undefined, number),
    col('due', 'due', undefined, optionalDate),
    col('followUp', 'follow_up', undefined, optionalDate),
    col('startTime', 'start_time', undefined, date),
    col('endTime', 'end_time', undefined, optionalDate),
    col('deleteReason', 'delete_reason'),
    col('tenantId', 'tenant_id'),
  ],
};

export const histIncidentTable: Table<HistoricIncidentRecord> = {
  name: 'engine.hist_incident',
  columns: [
    col('id', 'id'),
    col('type', 'type'),
    col('processInstanceId', 'process_instance_id'),
    col('definitionId', 'definition_id'),
    col('activityId', 'activity_id'),
    col('message', 'message'),
    col('configuration', 'configuration'),
    col('created', 'created', undefined, date),
    col('endTime', 'end_time', undefined, optionalDate),
    col('state', 'state'),
    col('tenantId', 'tenant_id'),
  ],
};

/**
 * columns a later snapshot must not blank out: filled while the activity ran, or only known at
 * the start (the end row of a process instance does not know its start activity)
 */
export const STICKY_HISTORY_COLUMNS: ReadonlySet<string> = new Set(['task_id', 'assignee', 'called_process_instance_id', 'start_activity_id']);
