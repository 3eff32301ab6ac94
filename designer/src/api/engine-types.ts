/** The JSON shapes of the Camunda 7 REST API the app reads (subset of fields). */
export type VariableType = 'String' | 'Integer' | 'Long' | 'Double' | 'Boolean' | 'Date' | 'Json' | 'Null' | 'Object' | 'Short';

export interface TypedValue {
  value: unknown;
  type: VariableType | string;
  valueInfo?: Record<string, unknown>;
}

export type VariableMap = Record<string, TypedValue>;

export interface ProcessDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
  deploymentId: string;
  resource: string | null;
  versionTag: string | null;
  suspended: boolean;
}

export interface DefinitionStatistics {
  id: string;
  instances: number;
  failedJobs: number;
  incidents: { incidentType: string; incidentCount: number }[];
  definition: ProcessDefinition;
}

export interface ActivityStatistics {
  id: string;
  instances: number;
  failedJobs: number;
  incidents: { incidentType: string; incidentCount: number }[];
}

export interface DeploymentResult {
  id: string;
  name: string | null;
  deployedProcessDefinitions: Record<string, ProcessDefinition> | null;
  /** ours, not Camunda's: what deployed but is suspicious, by resource name */
  warnings?: Record<string, ParseProblem[]>;
}

/** a problem in a ParseException's `details` or a deployment's `warnings` */
export interface ParseProblem {
  message: string;
  mainElementId?: string | null;
  elementIds?: string[];
  /** the engine's deploy-time rule (README, *Deploy-time validation*); its message already names it */
  rule?: string;
  /** the BPMN 2.0 section of the rule */
  section?: string | null;
}

export interface ProcessInstance {
  id: string;
  definitionId: string;
  definitionKey?: string;
  businessKey: string | null;
  ended: boolean;
  suspended: boolean;
}

export interface HistoricProcessInstance {
  id: string;
  businessKey: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionName: string | null;
  processDefinitionVersion: number;
  startTime: string;
  endTime: string | null;
  durationInMillis: number | null;
  state: 'ACTIVE' | 'SUSPENDED' | 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED' | string;
  deleteReason: string | null;
}

export interface HistoricActivityInstance {
  id: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  processInstanceId: string;
  startTime: string;
  endTime: string | null;
  canceled: boolean;
  assignee: string | null;
  taskId: string | null;
}

/** an activity of an ad-hoc sub-process someone may start (an extension of the REST API) */
export interface EnabledActivity {
  activityId: string;
  activityName: string | null;
  activityType: string;
}

export interface ActivityInstance {
  id: string;
  activityId: string;
  activityType: string;
  activityName: string | null;
  childActivityInstances: ActivityInstance[];
  childTransitionInstances: { id: string; activityId: string; activityName: string | null }[];
  incidentIds: string[];
}

/** one instruction of POST /process-instance/{id}/modification */
export type ModificationInstruction =
  | { type: 'cancel'; activityInstanceId: string }
  | { type: 'cancel'; transitionInstanceId: string }
  | { type: 'startBeforeActivity'; activityId: string; variables?: VariableMap };

/** Camunda's CommentDto of GET /task/{id}/comment */
export interface TaskComment {
  id: string;
  userId: string | null;
  taskId: string;
  processInstanceId: string | null;
  time: string;
  message: string;
}

export interface Task {
  id: string;
  name: string | null;
  assignee: string | null;
  owner: string | null;
  created: string;
  due: string | null;
  followUp: string | null;
  description: string | null;
  priority: number;
  processDefinitionId: string;
  processInstanceId: string;
  taskDefinitionKey: string;
  formKey: string | null;
  /** a linked Camunda Form (`camunda:formRef`) */
  camundaFormRef?: CamundaFormRef | null;
}

export interface CamundaFormRef {
  key: string;
  binding: 'latest' | 'deployment' | 'version';
  version: number | null;
}

export interface Deployment {
  id: string;
  name: string | null;
  deploymentTime: string;
}

export interface DeploymentResource {
  id: string;
  name: string;
  deploymentId: string;
}

/** a file sent to POST /deployment/create */
export interface DeploymentFile {
  name: string;
  content: string;
}

export interface HistoricTask {
  id: string;
  name: string | null;
  assignee: string | null;
  startTime: string;
  endTime: string | null;
  deleteReason: string | null;
  taskDefinitionKey: string;
  processInstanceId: string;
}

export interface IdentityLink {
  userId: string | null;
  groupId: string | null;
  type: string;
}

export interface Incident {
  id: string;
  processDefinitionId: string;
  processInstanceId: string;
  incidentTimestamp: string;
  incidentType: 'failedJob' | 'failedExternalTask' | string;
  activityId: string;
  configuration: string | null;
  incidentMessage: string | null;
}

export interface HistoricIncident {
  id: string;
  processInstanceId: string;
  createTime: string;
  endTime: string | null;
  incidentType: string;
  activityId: string;
  incidentMessage: string | null;
  open: boolean;
  resolved: boolean;
}

export interface HistoricVariable {
  id: string;
  name: string;
  type: string;
  value: unknown;
  processInstanceId: string;
}

export interface Job {
  id: string;
  retries: number;
  exceptionMessage: string | null;
  activityId: string;
}

export interface ExternalTask {
  id: string;
  retries: number | null;
  errorMessage: string | null;
  activityId: string;
  topicName: string;
}

/** Camunda's BatchDto (POST /process-instance/delete, /job/retries, /external-task/retries-async, GET /batch) */
export interface Batch {
  id: string;
  type: 'instance-deletion' | 'set-job-retries' | 'set-external-task-retries' | string;
  totalJobs: number;
  jobsCreated: number;
  suspended: boolean;
  createUserId: string | null;
  startTime: string;
  executionStartTime: string | null;
}

/** what happened to a batch's targets (the engine's extension of the batch DTOs) */
export interface BatchItemCounts {
  total: number;
  pending: number;
  done: number;
  skipped: number;
  failed: number;
  canceled: number;
}

/** GET /batch/statistics: a running batch */
export interface BatchStatistics extends Batch {
  remainingJobs: number;
  completedJobs: number;
  failedJobs: number;
  items: BatchItemCounts;
}

/** GET /history/batch: every batch, running (endTime null) or ended */
export interface HistoricBatch {
  id: string;
  type: string;
  totalJobs: number;
  createUserId: string | null;
  startTime: string;
  endTime: string | null;
  items: BatchItemCounts;
}

/** GET /history/batch/{id}/items */
export interface BatchItem {
  position: number;
  targetId: string;
  status: 'pending' | 'done' | 'skipped' | 'failed' | 'canceled';
  message: string | null;
  time: string | null;
}

/** a deployed decision (GET /decision-definition) */
export interface DecisionDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
  versionTag: string | null;
  deploymentId: string;
  resource: string | null;
  decisionRequirementsDefinitionKey: string | null;
}

export interface EvaluatedInput {
  clauseId: string;
  clauseName: string | null;
  type: string;
  value: unknown;
}

export interface EvaluatedOutput {
  clauseId: string;
  clauseName: string | null;
  ruleId: string;
  ruleOrder: number | null;
  variableName: string | null;
  type: string;
  value: unknown;
}

/** one evaluated decision (GET /history/decision-instance; inputs and outputs with includeInputs / includeOutputs) */
export interface HistoricDecisionInstance {
  id: string;
  decisionDefinitionId: string;
  decisionDefinitionKey: string;
  decisionDefinitionName: string | null;
  evaluationTime: string;
  processDefinitionId: string | null;
  processDefinitionKey: string | null;
  processInstanceId: string | null;
  activityId: string | null;
  rootDecisionInstanceId: string | null;
  inputs?: EvaluatedInput[] | null;
  outputs?: EvaluatedOutput[] | null;
}
