import type { ProcessDefinitionRecord } from '../../core/definitions/definition-record.js';
import type {
  HistoricActivityInstanceRecord, HistoricIncidentRecord, HistoricProcessInstanceRecord, HistoricTaskRecord, HistoricVariableRecord,
} from '../../core/execution/history-records.js';
import type { ExternalTaskRecord, IncidentRecord, JobRecord, ProcessInstanceRecord, TaskRecord, VariableRecord } from '../../core/execution/records.js';
import type { DeploymentRecord } from '../../core/ports/engine-store.js';
import { formatCamundaDate, toDto } from '../../core/variables/index.js';
import { batchJobDto } from './batch-dtos.js';

/** Records → the JSON shapes of Camunda 7's REST API (dates as yyyy-MM-dd'T'HH:mm:ss.SSSZ). */
export const date = (value: Date | null | undefined): string | null => (value ? formatCamundaDate(value) : null);
const duration = (start: Date, end: Date | null) => (end ? end.getTime() - start.getTime() : null);

export function deploymentDto(d: DeploymentRecord, base: string) {
  return {
    links: [{ method: 'GET', href: `${base}/deployment/${d.id}`, rel: 'self' }],
    id: d.id,
    name: d.name,
    source: d.source,
    deploymentTime: date(d.deploymentTime),
    processDefinitions: undefined,
    tenantId: d.tenantId,
  };
}

export function definitionDto(d: ProcessDefinitionRecord) {
  return {
    id: d.id,
    key: d.key,
    category: d.category ?? 'http://bpmn.io/schema/bpmn',
    description: d.description,
    name: d.name,
    version: d.version,
    resource: d.resourceName,
    deploymentId: d.deploymentId,
    diagram: null,
    suspended: d.suspended,
    tenantId: d.tenantId,
    versionTag: d.versionTag,
    historyTimeToLive: d.historyTimeToLive,
    startableInTasklist: true,
  };
}

export function instanceDto(i: ProcessInstanceRecord, base: string, ended = false) {
  return {
    links: [{ method: 'GET', href: `${base}/process-instance/${i.id}`, rel: 'self' }],
    id: i.id,
    definitionId: i.definitionId,
    definitionKey: i.definitionKey,
    businessKey: i.businessKey,
    caseInstanceId: null,
    ended,
    suspended: i.suspended,
    tenantId: i.tenantId,
  };
}

export function variableDto(v: VariableRecord | HistoricVariableRecord, deserialize: boolean) {
  return toDto(v.value, { deserializeValues: deserialize });
}

export function taskDto(t: TaskRecord) {
  return {
    id: t.id,
    name: t.name,
    assignee: t.assignee,
    owner: t.owner,
    created: date(t.created),
    lastUpdated: null,
    due: date(t.due),
    followUp: date(t.followUp),
    delegationState: t.delegationState,
    description: t.description,
    executionId: t.elementInstanceId,
    parentTaskId: null,
    priority: t.priority,
    processDefinitionId: t.definitionId,
    processInstanceId: t.processInstanceId,
    caseExecutionId: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    taskDefinitionKey: t.taskDefinitionKey,
    suspended: false,
    formKey: t.formKey,
    camundaFormRef: t.formRef,
    tenantId: t.tenantId,
  };
}

export function externalTaskDto(t: ExternalTaskRecord) {
  return {
    activityId: t.activityId,
    activityInstanceId: t.elementInstanceId,
    errorMessage: t.errorMessage,
    executionId: t.elementInstanceId,
    id: t.id,
    lockExpirationTime: date(t.lockExpiration),
    createTime: date(t.created),
    processDefinitionId: t.definitionId,
    processDefinitionKey: t.definitionKey,
    processDefinitionVersionTag: null,
    processInstanceId: t.processInstanceId,
    tenantId: t.tenantId,
    retries: t.retries,
    suspended: false,
    workerId: t.workerId,
    topicName: t.topic,
    priority: t.priority,
    businessKey: t.businessKey,
  };
}

export function jobDto(j: JobRecord) {
  if (j.payload.batchId !== undefined) return batchJobDto(j, j.payload.batchId);
  return {
    id: j.id,
    jobDefinitionId: `${j.definitionId}:${j.activityId}:${j.type}`,
    dueDate: date(j.dueAt),
    processInstanceId: j.processInstanceId,
    executionId: j.elementInstanceId,
    processDefinitionId: j.definitionId,
    processDefinitionKey: j.definitionKey,
    retries: j.retries,
    exceptionMessage: j.exceptionMessage,
    failedActivityId: j.exceptionMessage ? j.activityId : null,
    suspended: j.suspended,
    priority: j.priority,
    tenantId: j.tenantId,
    createTime: date(j.created),
    batchId: null,
    activityId: j.activityId,
    jobType: j.type,
  };
}

export function incidentDto(i: IncidentRecord) {
  return {
    id: i.id,
    processDefinitionId: i.definitionId,
    processInstanceId: i.processInstanceId,
    executionId: i.elementInstanceId,
    incidentTimestamp: date(i.created),
    incidentType: i.type,
    activityId: i.activityId,
    failedActivityId: i.activityId,
    causeIncidentId: i.causeIncidentId,
    rootCauseIncidentId: i.rootCauseIncidentId,
    configuration: i.configuration,
    tenantId: i.tenantId,
    incidentMessage: i.message,
    jobDefinitionId: null,
    annotation: null,
  };
}

export function historicInstanceDto(h: HistoricProcessInstanceRecord) {
  return {
    id: h.id,
    businessKey: h.businessKey,
    processDefinitionId: h.definitionId,
    processDefinitionKey: h.definitionKey,
    processDefinitionName: h.definitionName,
    processDefinitionVersion: h.definitionVersion,
    startTime: date(h.startTime),
    endTime: date(h.endTime),
    removalTime: null,
    durationInMillis: duration(h.startTime, h.endTime),
    startUserId: h.startUserId,
    startActivityId: h.startActivityId,
    deleteReason: h.deleteReason,
    rootProcessInstanceId: h.rootInstanceId,
    superProcessInstanceId: h.superInstanceId,
    superCaseInstanceId: null,
    caseInstanceId: null,
    tenantId: h.tenantId,
    state: h.state,
  };
}

export function historicActivityDto(a: HistoricActivityInstanceRecord) {
  return {
    id: a.id,
    parentActivityInstanceId: a.parentActivityInstanceId,
    activityId: a.activityId,
    activityName: a.activityName,
    activityType: a.activityType,
    processDefinitionKey: a.definitionKey,
    processDefinitionId: a.definitionId,
    processInstanceId: a.processInstanceId,
    executionId: a.id,
    taskId: a.taskId,
    assignee: a.assignee,
    calledProcessInstanceId: a.calledProcessInstanceId,
    calledCaseInstanceId: null,
    startTime: date(a.startTime),
    endTime: date(a.endTime),
    durationInMillis: duration(a.startTime, a.endTime),
    canceled: a.canceled,
    completeScope: a.completeScope,
    tenantId: a.tenantId,
    removalTime: null,
    rootProcessInstanceId: null,
  };
}

export function historicVariableDto(v: HistoricVariableRecord, deserialize: boolean) {
  const value = toDto(v.value, { deserializeValues: deserialize });
  return {
    id: v.id,
    name: v.name,
    type: value.type,
    value: value.value,
    valueInfo: value.valueInfo,
    processDefinitionKey: v.definitionKey,
    processDefinitionId: v.definitionId,
    processInstanceId: v.processInstanceId,
    executionId: v.activityInstanceId,
    activityInstanceId: v.activityInstanceId,
    caseDefinitionKey: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    caseExecutionId: null,
    taskId: v.taskId,
    tenantId: v.tenantId,
    errorMessage: null,
    state: v.state,
    createTime: date(v.createTime),
    removalTime: date(v.removalTime),
    rootProcessInstanceId: null,
  };
}

export function historicTaskDto(t: HistoricTaskRecord) {
  return {
    id: t.id,
    processDefinitionKey: t.definitionKey,
    processDefinitionId: t.definitionId,
    processInstanceId: t.processInstanceId,
    executionId: t.activityInstanceId,
    activityInstanceId: t.activityInstanceId,
    name: t.name,
    description: t.description,
    deleteReason: t.deleteReason,
    owner: t.owner,
    assignee: t.assignee,
    startTime: date(t.startTime),
    endTime: date(t.endTime),
    duration: duration(t.startTime, t.endTime),
    taskDefinitionKey: t.taskDefinitionKey,
    priority: t.priority,
    due: date(t.due),
    parentTaskId: null,
    followUp: date(t.followUp),
    tenantId: t.tenantId,
    removalTime: null,
    rootProcessInstanceId: null,
  };
}

export function historicIncidentDto(i: HistoricIncidentRecord) {
  return {
    id: i.id,
    processDefinitionId: i.definitionId,
    processInstanceId: i.processInstanceId,
    createTime: date(i.created),
    endTime: date(i.endTime),
    incidentType: i.type,
    activityId: i.activityId,
    failedActivityId: i.activityId,
    configuration: i.configuration,
    incidentMessage: i.message,
    tenantId: i.tenantId,
    open: i.state === 'OPEN',
    deleted: i.state === 'DELETED',
    resolved: i.state === 'RESOLVED',
  };
}
