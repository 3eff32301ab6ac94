/** Camunda sortBy names → columns, per resource. */
export const SORT_COLUMNS = {
  deployment: { id: 'id', name: 'name', deploymentTime: 'deployment_time', tenantId: 'tenant_id' },
  definition: { category: 'd.category', key: 'd.key', id: 'd.id', name: 'd.name', version: 'd.version', deploymentId: 'd.deployment_id', tenantId: 'd.tenant_id', versionTag: 'd.version_tag' },
  instance: { instanceId: 'pi.id', definitionKey: 'pi.definition_key', definitionId: 'pi.definition_id', businessKey: 'pi.business_key', tenantId: 'pi.tenant_id', startTime: 'pi.start_time' },
  variable: { variableName: 'name', variableType: 'type', activityInstanceId: 'scope_id', tenantId: 'tenant_id' },
  task: {
    instanceId: 't.process_instance_id', caseInstanceId: 't.id', dueDate: 't.due', followUpDate: 't.follow_up', executionId: 't.element_instance_id',
    caseExecutionId: 't.id', assignee: 't.assignee', created: 't.created', lastUpdated: 't.created', description: 't.description', id: 't.id',
    name: 't.name', nameCaseInsensitive: 'lower(t.name)', priority: 't.priority', processVariable: 't.id', executionVariable: 't.id',
    taskVariable: 't.id', caseExecutionVariable: 't.id', caseInstanceVariable: 't.id', tenantId: 't.tenant_id',
  },
  externalTask: { id: 'id', lockExpirationTime: 'lock_expiration', processInstanceId: 'process_instance_id', processDefinitionId: 'definition_id', processDefinitionKey: 'definition_key', tenantId: 'tenant_id', taskPriority: 'priority', createTime: 'created' },
  job: { jobId: 'id', executionId: 'element_instance_id', processInstanceId: 'process_instance_id', processDefinitionId: 'definition_id', processDefinitionKey: 'definition_key', jobPriority: 'priority', jobRetries: 'retries', jobDueDate: 'due_at', tenantId: 'tenant_id' },
  incident: { incidentId: 'id', incidentMessage: 'message', incidentTimestamp: 'created', incidentType: 'type', executionId: 'element_instance_id', activityId: 'activity_id', processInstanceId: 'process_instance_id', processDefinitionId: 'definition_id', causeIncidentId: 'cause_incident_id', rootCauseIncidentId: 'root_cause_incident_id', configuration: 'configuration', tenantId: 'tenant_id' },
  historicInstance: { instanceId: 'id', definitionId: 'definition_id', definitionKey: 'definition_key', definitionName: 'definition_name', definitionVersion: 'definition_version', businessKey: 'business_key', startTime: 'start_time', endTime: 'end_time', duration: '(end_time - start_time)', tenantId: 'tenant_id' },
  historicActivity: { activityInstanceId: 'id', instanceId: 'process_instance_id', executionId: 'id', activityId: 'activity_id', activityName: 'activity_name', activityType: 'activity_type', startTime: 'start_time', endTime: 'end_time', duration: '(end_time - start_time)', definitionId: 'definition_id', occurrence: 'seq', tenantId: 'tenant_id' },
  historicVariable: { instanceId: 'process_instance_id', variableName: 'name', tenantId: 'tenant_id' },
  historicTask: { taskId: 'id', activityInstanceId: 'activity_instance_id', processDefinitionId: 'definition_id', processInstanceId: 'process_instance_id', duration: '(end_time - start_time)', endTime: 'end_time', startTime: 'start_time', taskName: 'name', taskDescription: 'description', assignee: 'assignee', owner: 'owner', dueDate: 'due', followUpDate: 'follow_up', deleteReason: 'delete_reason', taskDefinitionKey: 'task_definition_key', priority: 'priority', tenantId: 'tenant_id' },
  historicIncident: { incidentId: 'id', incidentMessage: 'message', createTime: 'created', endTime: 'end_time', incidentType: 'type', activityId: 'activity_id', processInstanceId: 'process_instance_id', processDefinitionId: 'definition_id', configuration: 'configuration', tenantId: 'tenant_id' },
} as const;
