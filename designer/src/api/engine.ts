import type {
  ActivityInstance, ActivityStatistics, DefinitionStatistics, TypedValue, Deployment, DeploymentFile, DeploymentResource, DeploymentResult, ExternalTask, HistoricActivityInstance, HistoricIncident,
  EnabledActivity, HistoricProcessInstance, HistoricTask, HistoricVariable, IdentityLink, Incident, Job, ModificationInstruction, ProcessDefinition, ProcessInstance, Task, TaskComment, VariableMap,
} from './engine-types';
import type { Batch, BatchItem, BatchStatistics, HistoricBatch } from './engine-types';
import { del, get, post, put, queryString } from './http';

/** Calls of the engine's Camunda 7 REST API, one function per endpoint the app uses. */
const BASE = '/engine-rest';
const id = encodeURIComponent;
type Params = Record<string, string | number | boolean | null | undefined>;

export const definitions = {
  list: (params: Params = {}) => get<ProcessDefinition[]>(`${BASE}/process-definition${queryString({ sortBy: 'version', sortOrder: 'desc', ...params })}`),
  get: (definitionId: string) => get<ProcessDefinition>(`${BASE}/process-definition/${id(definitionId)}`),
  xml: async (definitionId: string) => (await get<{ bpmn20Xml: string }>(`${BASE}/process-definition/${id(definitionId)}/xml`)).bpmn20Xml,
  statistics: () => get<DefinitionStatistics[]>(`${BASE}/process-definition/statistics`),
  activityStatistics: (definitionId: string) => get<ActivityStatistics[]>(`${BASE}/process-definition/${id(definitionId)}/statistics`),
  start: (definitionId: string, body: { businessKey?: string | null; variables?: VariableMap }) =>
    post<ProcessInstance>(`${BASE}/process-definition/${id(definitionId)}/start`, body),
};

export function deploy(name: string, fileName: string, xml: string): Promise<DeploymentResult> {
  return deployFiles(name, [{ name: fileName, content: xml }]);
}

/** one deployment of several files: a diagram with the forms (`.form`) it links */
export function deployFiles(name: string, files: readonly DeploymentFile[]): Promise<DeploymentResult> {
  const form = new FormData();
  form.set('deployment-name', name);
  form.set('deployment-source', 'crm-designer');
  form.set('enable-duplicate-filtering', 'true');
  for (const file of files) form.append(file.name, new Blob([file.content], { type: file.name.endsWith('.form') ? 'application/json' : 'application/xml' }), file.name);
  return post<DeploymentResult>(`${BASE}/deployment/create`, form);
}

export const deployments = {
  list: (params: Params) => get<Deployment[]>(`${BASE}/deployment${queryString(params)}`),
  resources: (deploymentId: string) => get<DeploymentResource[]>(`${BASE}/deployment/${id(deploymentId)}/resources`),
  /** a resource's content as text (JSON resources arrive parsed and are written back) */
  resourceText: async (deploymentId: string, resourceId: string) => {
    const data = await get<unknown>(`${BASE}/deployment/${id(deploymentId)}/resources/${id(resourceId)}/data`);
    return typeof data === 'string' ? data : JSON.stringify(data, null, 2);
  },
};

/** ad-hoc sub-processes of an instance, by the sub-process's activity instance id */
export const adHoc = {
  enabledActivities: (instanceId: string, adHocId: string) =>
    get<EnabledActivity[]>(`${BASE}/process-instance/${id(instanceId)}/adhoc/${id(adHocId)}/enabled-activities`),
  start: (instanceId: string, adHocId: string, activityId: string) =>
    post<{ activityInstanceId: string }>(`${BASE}/process-instance/${id(instanceId)}/adhoc/${id(adHocId)}/enabled-activities/${id(activityId)}/start`),
};

export const instances = {
  list: (params: Params) => get<ProcessInstance[]>(`${BASE}/process-instance${queryString(params)}`),
  get: (instanceId: string) => get<ProcessInstance>(`${BASE}/process-instance/${id(instanceId)}`),
  activityTree: (instanceId: string) => get<ActivityInstance | null>(`${BASE}/process-instance/${id(instanceId)}/activity-instances`),
  variables: (instanceId: string) => get<VariableMap>(`${BASE}/process-instance/${id(instanceId)}/variables`),
  setVariable: (instanceId: string, name: string, value: VariableMap[string]) =>
    put<void>(`${BASE}/process-instance/${id(instanceId)}/variables/${id(name)}`, value),
  cancel: (instanceId: string, reason: string) => del<void>(`${BASE}/process-instance/${id(instanceId)}${queryString({ deleteReason: reason })}`),
  /** token moves: cancel activity instances and start others, in one transaction (204; 400 on a bad instruction) */
  modify: (instanceId: string, instructions: ModificationInstruction[]) =>
    post<void>(`${BASE}/process-instance/${id(instanceId)}/modification`, { instructions }),
};

export const tasks = {
  list: (params: Params) => get<Task[]>(`${BASE}/task${queryString(params)}`),
  count: async (params: Params) => (await get<{ count: number }>(`${BASE}/task/count${queryString(params)}`)).count,
  get: (taskId: string) => get<Task>(`${BASE}/task/${id(taskId)}`),
  identityLinks: (taskId: string) => get<IdentityLink[]>(`${BASE}/task/${id(taskId)}/identity-links`),
  formVariables: (taskId: string) => get<VariableMap>(`${BASE}/task/${id(taskId)}/form-variables`),
  claim: (taskId: string, userId: string) => post<void>(`${BASE}/task/${id(taskId)}/claim`, { userId }),
  unclaim: (taskId: string) => post<void>(`${BASE}/task/${id(taskId)}/unclaim`),
  setAssignee: (taskId: string, userId: string | null) => post<void>(`${BASE}/task/${id(taskId)}/assignee`, { userId }),
  comments: (taskId: string) => get<TaskComment[]>(`${BASE}/task/${id(taskId)}/comment`),
  /** the author is the signed-in user (the server knows them by the session cookie) */
  addComment: (taskId: string, message: string) => post<TaskComment>(`${BASE}/task/${id(taskId)}/comment/create`, { message }),
  complete: (taskId: string, variables: VariableMap) => post<void>(`${BASE}/task/${id(taskId)}/complete`, { variables }),
  /** the task's Camunda Form (a form-js schema): 404 without one, 400 when its key names no deployed form */
  deployedForm: (taskId: string) => get<unknown>(`${BASE}/task/${id(taskId)}/deployed-form`),
  submitForm: (taskId: string, variables: VariableMap) => post<void>(`${BASE}/task/${id(taskId)}/submit-form`, { variables }),
  /** PUT replaces every field, so the whole task goes back with the changes */
  update: (task: Task, changes: Partial<Pick<Task, 'due' | 'followUp' | 'priority' | 'name' | 'description'>>) =>
    put<void>(`${BASE}/task/${id(task.id)}`, {
      name: task.name, description: task.description, priority: task.priority, due: task.due, followUp: task.followUp,
      owner: task.owner, assignee: task.assignee, ...changes,
    }),
};

export const history = {
  instances: (params: Params) => get<HistoricProcessInstance[]>(`${BASE}/history/process-instance${queryString(params)}`),
  countInstances: async (params: Params) => (await get<{ count: number }>(`${BASE}/history/process-instance/count${queryString(params)}`)).count,
  instance: (instanceId: string) => get<HistoricProcessInstance>(`${BASE}/history/process-instance/${id(instanceId)}`),
  activities: (params: Params) => get<HistoricActivityInstance[]>(`${BASE}/history/activity-instance${queryString(params)}`),
  tasks: (params: Params) => get<HistoricTask[]>(`${BASE}/history/task${queryString(params)}`),
  variables: (params: Params) => get<HistoricVariable[]>(`${BASE}/history/variable-instance${queryString(params)}`),
  incidents: (params: Params) => get<HistoricIncident[]>(`${BASE}/history/incident${queryString(params)}`),
  countIncidents: async (params: Params) => (await get<{ count: number }>(`${BASE}/history/incident/count${queryString(params)}`)).count,
};

export const metrics = {
  /** Camunda's GET /metrics: counts per interval (seconds) since a date, newest first */
  perInterval: (name: string, startDate: string, intervalSeconds: number) =>
    get<{ timestamp: string; name: string; value: number }[]>(`${BASE}/metrics${queryString({ name, startDate, interval: intervalSeconds, maxResults: 200 })}`),
};

export const incidents = {
  list: (params: Params) => get<Incident[]>(`${BASE}/incident${queryString(params)}`),
  /** a failed job or external task gets one more try */
  retry: (incident: Incident) => {
    if (!incident.configuration) throw new Error(`Expected incident ${incident.id} to name its job or external task, but it names none`);
    const resource = incident.incidentType === 'failedExternalTask' ? 'external-task' : 'job';
    return put<void>(`${BASE}/${resource}/${id(incident.configuration)}/retries`, { retries: 1 });
  },
};

export const jobs = {
  get: (jobId: string) => get<Job>(`${BASE}/job/${id(jobId)}`),
  stacktrace: (jobId: string) => get<string>(`${BASE}/job/${id(jobId)}/stacktrace`),
};

export const externalTasks = {
  get: (taskId: string) => get<ExternalTask>(`${BASE}/external-task/${id(taskId)}`),
};

/** the query filters of the list endpoints, as a JSON body (`historicProcessInstanceQuery`, ...) */
type QueryBody = Record<string, string | number | boolean | string[] | undefined>;

/** Camunda 7's batch operations: one request starts the work on the server, GET /batch/statistics follows it */
export const batches = {
  deleteInstances: (body: { historicProcessInstanceQuery?: QueryBody; processInstanceIds?: string[]; deleteReason?: string }) =>
    post<Batch>(`${BASE}/process-instance/delete`, body),
  setJobRetries: (body: { historicProcessInstanceQuery?: QueryBody; jobIds?: string[]; retries: number }) => post<Batch>(`${BASE}/job/retries`, body),
  setExternalTaskRetries: (body: { historicProcessInstanceQuery?: QueryBody; externalTaskIds?: string[]; retries: number }) =>
    post<Batch>(`${BASE}/external-task/retries-async`, body),
  statistics: (params: Params = {}) => get<BatchStatistics[]>(`${BASE}/batch/statistics${queryString(params)}`),
  history: (params: Params = {}) => get<HistoricBatch[]>(`${BASE}/history/batch${queryString(params)}`),
  historic: (batchId: string) => get<HistoricBatch>(`${BASE}/history/batch/${id(batchId)}`),
  items: (batchId: string, params: Params = {}) => get<BatchItem[]>(`${BASE}/history/batch/${id(batchId)}/items${queryString(params)}`),
  setSuspended: (batchId: string, suspended: boolean) => put<void>(`${BASE}/batch/${id(batchId)}/suspended`, { suspended }),
  /** a running batch: its jobs go, its history stays */
  remove: (batchId: string) => del<void>(`${BASE}/batch/${id(batchId)}`),
  /** an ended batch's history */
  removeHistoric: (batchId: string) => del<void>(`${BASE}/history/batch/${id(batchId)}`),
  /** the batch's seed and chunk jobs that ran out of retries (GET /job lists them with their batchId) */
  failedJobs: async (batchId: string) => (await get<(Job & { batchId: string | null })[]>(`${BASE}/job${queryString({ noRetriesLeft: true })}`)).filter((j) => j.batchId === batchId),
  retryJob: (jobId: string) => put<void>(`${BASE}/job/${id(jobId)}/retries`, { retries: 1 }),
};
