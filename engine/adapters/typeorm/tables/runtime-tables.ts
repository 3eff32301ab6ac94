import type {
  ElementInstanceRecord, ExternalTaskRecord, IncidentRecord, JobRecord, ProcessInstanceRecord, SubscriptionRecord, TaskRecord, VariableRecord,
} from '../../../core/execution/records.js';
import type { OwnedKind, OwnedRecord } from '../../../core/execution/owned-kinds.js';
import { deserializeFromStorage, serializeForStorage, type TypedValue } from '../../../core/variables/index.js';
import { col, date, json, number, optionalDate, optionalNumber, parsedJson, textArray, type Column, type Table } from './table.js';

export const processInstanceTable: Table<ProcessInstanceRecord> = {
  name: 'engine.process_instance',
  columns: [
    col('id', 'id'),
    col('definitionId', 'definition_id'),
    col('definitionKey', 'definition_key'),
    col('businessKey', 'business_key'),
    col('rootInstanceId', 'root_instance_id'),
    col('superInstanceId', 'super_instance_id'),
    col('superElementInstanceId', 'super_element_instance_id'),
    col('state', 'state'),
    col('suspended', 'suspended'),
    col('startTime', 'start_time', undefined, date),
    col('startUserId', 'start_user_id'),
    col('tenantId', 'tenant_id'),
  ],
};

export const elementInstanceTable: Table<ElementInstanceRecord> = {
  name: 'engine.element_instance',
  columns: [
    col('id', 'id'),
    col('processInstanceId', 'process_instance_id'),
    col('parentId', 'parent_id'),
    col('elementId', 'element_id'),
    col('kind', 'kind'),
    col('state', 'state'),
    col('startTime', 'start_time', undefined, date),
    col('data', 'data', json, parsedJson({})),
  ],
};

/** a typed value is stored as three columns: type, text and valueInfo */
export function typedValueColumns<R extends { readonly value: TypedValue }>(): Column<R>[] {
  return [
    { field: 'value', column: 'type', toDb: (v: TypedValue) => serializeForStorage(v).type, fromRow: readTypedValue },
    { field: 'value', column: 'text_value', toDb: (v: TypedValue) => serializeForStorage(v).text, writeOnly: true },
    {
      field: 'value',
      column: 'value_info',
      toDb: (v: TypedValue) => {
        const info = serializeForStorage(v).valueInfo;
        return info ? JSON.stringify(info) : null;
      },
      writeOnly: true,
    },
  ] as unknown as Column<R>[];
}

export function readTypedValue(row: Record<string, unknown>): TypedValue {
  const info = row['value_info'];
  return deserializeFromStorage({
    type: String(row['type']),
    text: (row['text_value'] as string | null) ?? null,
    valueInfo: info === null || info === undefined ? null : ((typeof info === 'string' ? JSON.parse(info) : info) as Record<string, unknown>),
  });
}

export const variableTable: Table<VariableRecord> = {
  name: 'engine.variable',
  columns: [
    col('id', 'id'),
    col('processInstanceId', 'process_instance_id'),
    col('scopeId', 'scope_id'),
    col('name', 'name'),
    col('createTime', 'create_time', undefined, date),
    ...typedValueColumns<VariableRecord>(),
  ],
};

export const taskTable: Table<TaskRecord> = {
  name: 'engine.task',
  columns: [
    col('id', 'id'),
    col('processInstanceId', 'process_instance_id'),
    col('elementInstanceId', 'element_instance_id'),
    col('definitionId', 'definition_id'),
    col('definitionKey', 'definition_key'),
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
    col('formKey', 'form_key'),
    col('formRef', 'form_ref', (v) => (v === null ? null : json(v)), parsedJson(null)),
    col('created', 'created', undefined, date),
    col('delegationState', 'delegation_state'),
    col('businessKey', 'business_key'),
    col('tenantId', 'tenant_id'),
  ],
};

export const externalTaskTable: Table<ExternalTaskRecord> = {
  name: 'engine.external_task',
  columns: [
    col('id', 'id'),
    col('processInstanceId', 'process_instance_id'),
    col('elementInstanceId', 'element_instance_id'),
    col('definitionId', 'definition_id'),
    col('definitionKey', 'definition_key'),
    col('activityId', 'activity_id'),
    col('topic', 'topic'),
    col('workerId', 'worker_id'),
    col('lockExpiration', 'lock_expiration', undefined, optionalDate),
    col('retries', 'retries', undefined, optionalNumber),
    col('errorMessage', 'error_message'),
    col('errorDetails', 'error_details'),
    col('priority', 'priority', undefined, number),
    col('businessKey', 'business_key'),
    col('created', 'created', undefined, date),
    col('tenantId', 'tenant_id'),
  ],
};

export const jobTable: Table<JobRecord> = {
  name: 'engine.job',
  columns: [
    col('id', 'id'),
    col('type', 'type'),
    col('processInstanceId', 'process_instance_id'),
    col('elementInstanceId', 'element_instance_id'),
    col('definitionId', 'definition_id'),
    col('definitionKey', 'definition_key'),
    col('activityId', 'activity_id'),
    col('dueAt', 'due_at', undefined, date),
    col('retries', 'retries', undefined, number),
    col('retryIntervalsMs', 'retry_intervals_ms', json, parsedJson([])),
    col('exceptionMessage', 'exception_message'),
    col('exceptionDetails', 'exception_details'),
    col('lockOwner', 'lock_owner'),
    col('lockExpiration', 'lock_expiration', undefined, optionalDate),
    col('payload', 'payload', json, parsedJson({})),
    col('created', 'created', undefined, date),
    col('suspended', 'suspended'),
    col('priority', 'priority', undefined, number),
    col('tenantId', 'tenant_id'),
  ],
};

export const subscriptionTable: Table<SubscriptionRecord> = {
  name: 'engine.event_subscription',
  columns: [
    col('id', 'id'),
    col('type', 'type'),
    col('eventName', 'event_name'),
    col('processInstanceId', 'process_instance_id'),
    col('elementInstanceId', 'element_instance_id'),
    col('activityId', 'activity_id'),
    col('definitionId', 'definition_id'),
    col('created', 'created', undefined, date),
    col('tenantId', 'tenant_id'),
  ],
};

export const incidentTable: Table<IncidentRecord> = {
  name: 'engine.incident',
  columns: [
    col('id', 'id'),
    col('type', 'type'),
    col('processInstanceId', 'process_instance_id'),
    col('elementInstanceId', 'element_instance_id'),
    col('definitionId', 'definition_id'),
    col('activityId', 'activity_id'),
    col('message', 'message'),
    col('configuration', 'configuration'),
    col('created', 'created', undefined, date),
    col('causeIncidentId', 'cause_incident_id'),
    col('rootCauseIncidentId', 'root_cause_incident_id'),
    col('tenantId', 'tenant_id'),
  ],
};

/** The table of each kind of record an instance owns. */
export type OwnedTables<K extends OwnedKind = OwnedKind> = { readonly [P in K]: Table<OwnedRecord[P]> };

export const ownedTables: OwnedTables = {
  elements: elementInstanceTable,
  variables: variableTable,
  tasks: taskTable,
  externalTasks: externalTaskTable,
  jobs: jobTable,
  subscriptions: subscriptionTable,
  incidents: incidentTable,
};
