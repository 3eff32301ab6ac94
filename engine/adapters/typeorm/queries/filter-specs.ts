import type { VariableCondition } from '../../../core/ports/engine-queries.js';
import { variableCondition, type FilterSpec, type Where } from './where.js';

const eq = (column: string) => (w: Where, v: unknown) => w.eq(column, v);
const inList = (column: string) => (w: Where, v: readonly string[]) => w.in(column, v);
const like = (column: string) => (w: Where, v: string) => w.like(column, v);
const flag = (sql: string, negated?: string) => (w: Where, v: boolean) => (v ? w.raw(sql) : negated ? w.raw(negated) : w);
const before = (column: string) => (w: Where, v: Date) => w.raw(`${column} <= ${w.param(v)}`);
const after = (column: string) => (w: Where, v: Date) => w.raw(`${column} >= ${w.param(v)}`);
const variables = (scope: string) => (w: Where, v: readonly VariableCondition[]) => v.forEach((c) => variableCondition(w, scope, c));

interface TaskVisibility {
  readonly user: string;
  readonly groups: readonly string[];
  readonly team: { readonly members: readonly string[]; readonly groups: readonly string[] } | null;
}

/**
 * Tasks a user may see (engine/nest/task-visibility.ts states the rule): their own (assignee,
 * owner, candidate user, candidate group) and, for a head, those their team could work on.
 */
const visibleTo = (prefix: string) => (w: Where, v: TaskVisibility) => {
  const c = (column: string) => `${prefix}${column}`;
  const user = w.param(v.user);
  const own = [
    `${c('assignee')} = ${user}`,
    `${c('owner')} = ${user}`,
    `(${c('assignee')} IS NULL AND (${c('candidate_users')} && ${w.param([v.user])}::text[] OR ${c('candidate_groups')} && ${w.param(v.groups)}::text[]))`,
  ];
  if (v.team) {
    const members = w.param(v.team.members);
    own.push(`${c('assignee')} = ANY(${members}::text[])`, `${c('owner')} = ANY(${members}::text[])`);
    own.push(`(${c('assignee')} IS NULL AND (${c('candidate_users')} && ${members}::text[] OR ${c('candidate_groups')} && ${w.param(v.team.groups)}::text[]))`);
  }
  w.raw(`(${own.join(' OR ')})`);
};

export const deploymentFilters: FilterSpec = {
  id: eq('id'),
  name: eq('name'),
  nameLike: like('name'),
  source: eq('source'),
  tenantIdIn: inList('tenant_id'),
  withoutTenantId: flag('tenant_id IS NULL'),
  before: before('deployment_time'),
  after: after('deployment_time'),
};

export const definitionFilters: FilterSpec = {
  processDefinitionId: eq('d.id'),
  processDefinitionIdIn: inList('d.id'),
  key: eq('d.key'),
  keysIn: inList('d.key'),
  keyLike: like('d.key'),
  name: eq('d.name'),
  nameLike: like('d.name'),
  deploymentId: eq('d.deployment_id'),
  version: eq('d.version'),
  versionTag: eq('d.version_tag'),
  resourceName: eq('d.resource_name'),
  suspended: flag('d.suspended', 'NOT d.suspended'),
  active: flag('NOT d.suspended', 'd.suspended'),
  latestVersion: flag(`d.version = (SELECT max(x.version) FROM engine.process_definition x WHERE x.key = d.key AND x.tenant_id IS NOT DISTINCT FROM d.tenant_id)`),
  tenantIdIn: inList('d.tenant_id'),
  withoutTenantId: flag('d.tenant_id IS NULL'),
};

export const instanceFilters: FilterSpec = {
  processInstanceIds: inList('pi.id'),
  processInstanceId: eq('pi.id'),
  businessKey: eq('pi.business_key'),
  businessKeyLike: like('pi.business_key'),
  processDefinitionId: eq('pi.definition_id'),
  processDefinitionKey: eq('pi.definition_key'),
  processDefinitionKeyIn: inList('pi.definition_key'),
  superProcessInstance: eq('pi.super_instance_id'),
  subProcessInstance: (w, v: string) => w.raw(`pi.id = (SELECT s.super_instance_id FROM engine.process_instance s WHERE s.id = ${w.param(v)})`),
  rootProcessInstances: flag('pi.super_instance_id IS NULL'),
  active: flag('NOT pi.suspended'),
  suspended: flag('pi.suspended'),
  withIncident: flag('EXISTS (SELECT 1 FROM engine.incident i WHERE i.process_instance_id = pi.id)'),
  incidentType: (w, v: string) => w.raw(`EXISTS (SELECT 1 FROM engine.incident i WHERE i.process_instance_id = pi.id AND i.type = ${w.param(v)})`),
  activityIdIn: (w, v: readonly string[]) => w.raw(`EXISTS (SELECT 1 FROM engine.element_instance e WHERE e.process_instance_id = pi.id AND e.element_id = ANY(${w.param(v)}::text[]))`),
  tenantIdIn: inList('pi.tenant_id'),
  variables: variables('pi.id'),
  startedBefore: before('pi.start_time'),
  startedAfter: after('pi.start_time'),
};

export const variableFilters: FilterSpec = {
  processInstanceId: eq('process_instance_id'),
  processInstanceIdIn: inList('process_instance_id'),
  scopeId: eq('scope_id'),
  scopeIdIn: inList('scope_id'),
  variableName: eq('name'),
  variableNameIn: inList('name'),
  variableNameLike: like('name'),
};

export const taskFilters: FilterSpec = {
  taskId: eq('t.id'),
  taskIdIn: inList('t.id'),
  processInstanceId: eq('t.process_instance_id'),
  processInstanceIdIn: inList('t.process_instance_id'),
  processInstanceBusinessKey: eq('t.business_key'),
  processInstanceBusinessKeyIn: inList('t.business_key'),
  processInstanceBusinessKeyLike: like('t.business_key'),
  processDefinitionId: eq('t.definition_id'),
  processDefinitionKey: eq('t.definition_key'),
  processDefinitionKeyIn: inList('t.definition_key'),
  taskDefinitionKey: eq('t.task_definition_key'),
  taskDefinitionKeyIn: inList('t.task_definition_key'),
  name: eq('t.name'),
  nameLike: like('t.name'),
  assignee: eq('t.assignee'),
  assigneeIn: inList('t.assignee'),
  assigneeLike: like('t.assignee'),
  owner: eq('t.owner'),
  unassigned: flag('t.assignee IS NULL'),
  assigned: flag('t.assignee IS NOT NULL'),
  delegationState: eq('t.delegation_state'),
  priority: eq('t.priority'),
  minPriority: (w, v: number) => w.raw(`t.priority >= ${w.param(v)}`),
  maxPriority: (w, v: number) => w.raw(`t.priority <= ${w.param(v)}`),
  dueBefore: before('t.due'),
  dueAfter: after('t.due'),
  dueDate: eq('t.due'),
  withoutDueDate: flag('t.due IS NULL'),
  followUpBefore: before('t.follow_up'),
  followUpAfter: after('t.follow_up'),
  createdBefore: before('t.created'),
  createdAfter: after('t.created'),
  tenantIdIn: inList('t.tenant_id'),
  withoutTenantId: flag('t.tenant_id IS NULL'),
  /** candidateUser / candidateGroup(s) and includeAssignedTasks are combined by the task query */
  candidates: (w, v: { users: readonly string[]; groups: readonly string[]; includeAssigned: boolean }) => {
    const alternatives: string[] = [];
    if (v.users.length > 0) alternatives.push(`t.candidate_users && ${w.param(v.users)}::text[]`);
    if (v.groups.length > 0) alternatives.push(`t.candidate_groups && ${w.param(v.groups)}::text[]`);
    w.raw(alternatives.length > 0 ? `(${alternatives.join(' OR ')})` : 'FALSE');
    if (!v.includeAssigned) w.raw('t.assignee IS NULL');
  },
  withCandidateGroups: flag('cardinality(t.candidate_groups) > 0'),
  withoutCandidateGroups: flag('cardinality(t.candidate_groups) = 0'),
  withCandidateUsers: flag('cardinality(t.candidate_users) > 0'),
  withoutCandidateUsers: flag('cardinality(t.candidate_users) = 0'),
  processVariables: variables('t.process_instance_id'),
  taskVariables: variables('t.element_instance_id'),
  /** tasks assigned to the user or offered to the user or one of their groups */
  involvedUserOrGroups: (w, v: { user: string; groups: readonly string[] }) =>
    w.raw(`(t.assignee = ${w.param(v.user)} OR (t.assignee IS NULL AND (t.candidate_users && ${w.param([v.user])}::text[] OR t.candidate_groups && ${w.param(v.groups)}::text[])))`),
  taskVisibleTo: visibleTo('t.'),
};

export const externalTaskFilters: FilterSpec = {
  externalTaskId: eq('id'),
  externalTaskIdIn: inList('id'),
  topicName: eq('topic'),
  /** not a REST parameter: the topics of a caller limited to some (engine/nest/rest/external-task-scope.ts) */
  topicNameIn: inList('topic'),
  workerId: eq('worker_id'),
  locked: flag('lock_expiration > now()'),
  notLocked: flag('(lock_expiration IS NULL OR lock_expiration <= now())'),
  withRetriesLeft: flag('(retries IS NULL OR retries > 0)'),
  noRetriesLeft: flag('retries = 0'),
  activityId: eq('activity_id'),
  activityIdIn: inList('activity_id'),
  processInstanceId: eq('process_instance_id'),
  processInstanceIdIn: inList('process_instance_id'),
  processDefinitionId: eq('definition_id'),
  processDefinitionKey: eq('definition_key'),
  tenantIdIn: inList('tenant_id'),
  priorityHigherThanOrEquals: (w, v: number) => w.raw(`priority >= ${w.param(v)}`),
  priorityLowerThanOrEquals: (w, v: number) => w.raw(`priority <= ${w.param(v)}`),
};

export const jobFilters: FilterSpec = {
  jobId: eq('id'),
  jobIds: inList('id'),
  processInstanceId: eq('process_instance_id'),
  processInstanceIds: inList('process_instance_id'),
  processDefinitionId: eq('definition_id'),
  processDefinitionKey: eq('definition_key'),
  activityId: eq('activity_id'),
  timers: flag(`type IN ('timer', 'timer-start')`),
  messages: flag(`type NOT IN ('timer', 'timer-start')`),
  executable: flag('retries > 0 AND due_at <= now() AND NOT suspended'),
  withRetriesLeft: flag('retries > 0'),
  noRetriesLeft: flag('retries = 0'),
  withException: flag('exception_message IS NOT NULL'),
  exceptionMessage: eq('exception_message'),
  active: flag('NOT suspended'),
  suspended: flag('suspended'),
  dueBefore: before('due_at'),
  dueAfter: after('due_at'),
  tenantIdIn: inList('tenant_id'),
};

export const incidentFilters: FilterSpec = {
  incidentId: eq('id'),
  incidentType: eq('type'),
  incidentMessage: eq('message'),
  incidentMessageLike: like('message'),
  processDefinitionId: eq('definition_id'),
  processDefinitionIdIn: inList('definition_id'),
  processDefinitionKeyIn: (w, v: readonly string[]) => w.raw(`definition_id IN (SELECT d.id FROM engine.process_definition d WHERE d.key = ANY(${w.param(v)}::text[]))`),
  processInstanceId: eq('process_instance_id'),
  executionId: eq('element_instance_id'),
  activityId: eq('activity_id'),
  failedActivityId: eq('activity_id'),
  causeIncidentId: eq('cause_incident_id'),
  rootCauseIncidentId: eq('root_cause_incident_id'),
  configuration: eq('configuration'),
  tenantIdIn: inList('tenant_id'),
};

export const historicInstanceFilters: FilterSpec = {
  processInstanceId: eq('id'),
  processInstanceIds: inList('id'),
  processInstanceBusinessKey: eq('business_key'),
  processInstanceBusinessKeyIn: inList('business_key'),
  processInstanceBusinessKeyLike: like('business_key'),
  processDefinitionId: eq('definition_id'),
  processDefinitionKey: eq('definition_key'),
  processDefinitionKeyIn: inList('definition_key'),
  processDefinitionName: eq('definition_name'),
  superProcessInstanceId: eq('super_instance_id'),
  rootProcessInstances: flag('super_instance_id IS NULL'),
  finished: flag('end_time IS NOT NULL'),
  unfinished: flag('end_time IS NULL'),
  active: flag(`state = 'ACTIVE'`),
  completed: flag(`state = 'COMPLETED'`),
  externallyTerminated: flag(`state = 'EXTERNALLY_TERMINATED'`),
  internallyTerminated: flag(`state = 'INTERNALLY_TERMINATED'`),
  state: eq('state'),
  startedBefore: before('start_time'),
  startedAfter: after('start_time'),
  finishedBefore: before('end_time'),
  finishedAfter: after('end_time'),
  startedBy: eq('start_user_id'),
  withIncidents: flag(`EXISTS (SELECT 1 FROM engine.incident i WHERE i.process_instance_id = hist_process_instance.id)`),
  incidentType: (w, v: string) => w.raw(`EXISTS (SELECT 1 FROM engine.incident i WHERE i.process_instance_id = hist_process_instance.id AND i.type = ${w.param(v)})`),
  tenantIdIn: inList('tenant_id'),
  variables: (w, v: readonly VariableCondition[]) =>
    v.forEach((c) => variableCondition(w, 'hist_process_instance.id', c, { table: 'engine.hist_variable', scope: 'activity_instance_id' })),
};

export const historicActivityFilters: FilterSpec = {
  activityInstanceId: eq('id'),
  processInstanceId: eq('process_instance_id'),
  processDefinitionId: eq('definition_id'),
  processDefinitionKey: eq('definition_key'),
  activityId: eq('activity_id'),
  activityName: eq('activity_name'),
  activityType: eq('activity_type'),
  taskAssignee: eq('assignee'),
  finished: flag('end_time IS NOT NULL'),
  unfinished: flag('end_time IS NULL'),
  canceled: flag('canceled'),
  completeScope: flag('complete_scope'),
  startedBefore: before('start_time'),
  startedAfter: after('start_time'),
  finishedBefore: before('end_time'),
  finishedAfter: after('end_time'),
  tenantIdIn: inList('tenant_id'),
};

export const historicVariableFilters: FilterSpec = {
  processInstanceId: eq('process_instance_id'),
  processInstanceIdIn: inList('process_instance_id'),
  processDefinitionId: eq('definition_id'),
  processDefinitionKey: eq('definition_key'),
  variableName: eq('name'),
  variableNameLike: like('name'),
  activityInstanceIdIn: inList('activity_instance_id'),
  taskIdIn: inList('task_id'),
  includeDeleted: (w, v: boolean) => (v ? w : w.raw(`state <> 'DELETED'`)),
  tenantIdIn: inList('tenant_id'),
};

export const historicTaskFilters: FilterSpec = {
  taskId: eq('id'),
  processInstanceId: eq('process_instance_id'),
  processInstanceIdIn: inList('process_instance_id'),
  processDefinitionId: eq('definition_id'),
  processDefinitionKey: eq('definition_key'),
  taskDefinitionKey: eq('task_definition_key'),
  taskAssignee: eq('assignee'),
  taskAssigneeLike: like('assignee'),
  taskName: eq('name'),
  finished: flag('end_time IS NOT NULL'),
  unfinished: flag('end_time IS NULL'),
  taskDeleteReason: eq('delete_reason'),
  finishedBefore: before('end_time'),
  finishedAfter: after('end_time'),
  startedBefore: before('start_time'),
  startedAfter: after('start_time'),
  tenantIdIn: inList('tenant_id'),
  taskVisibleTo: visibleTo(''),
};

export const historicIncidentFilters: FilterSpec = {
  incidentId: eq('id'),
  incidentType: eq('type'),
  processInstanceId: eq('process_instance_id'),
  processDefinitionId: eq('definition_id'),
  activityId: eq('activity_id'),
  configuration: eq('configuration'),
  open: flag(`state = 'OPEN'`),
  resolved: flag(`state = 'RESOLVED'`),
  deleted: flag(`state = 'DELETED'`),
  tenantIdIn: inList('tenant_id'),
};
