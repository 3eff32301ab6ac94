import type { DeployedDefinition, ProcessDefinitionRecord } from '../definitions/definition-record.js';
import type {
  HistoricActivityInstanceRecord, HistoricIncidentRecord, HistoricProcessInstanceRecord, HistoricTaskRecord, HistoricVariableRecord,
} from '../execution/history-records.js';
import type {
  ElementInstanceRecord, ExternalTaskRecord, IncidentRecord, JobRecord, ProcessInstanceRecord, TaskRecord, VariableRecord,
} from '../execution/records.js';
import type { DeploymentRecord, ResourceRecord } from './engine-store.js';

export interface Page {
  readonly firstResult?: number;
  readonly maxResults?: number;
}

export interface Sorting {
  readonly sortBy: string;
  readonly sortOrder: 'asc' | 'desc';
}

/** A filter on variable values, Camunda's `name_op_value` */
export interface VariableCondition {
  readonly name: string;
  readonly operator: 'eq' | 'neq' | 'gt' | 'gteq' | 'lt' | 'lteq' | 'like';
  readonly value: string | number | boolean | null;
}

/**
 * Filters are plain records of optional fields named like Camunda's query parameters;
 * every present field narrows the result.
 */
export type Filter = Readonly<Record<string, unknown>>;

/**
 * Who asks, for the `visibleTo` filter of instance, task and history queries: a viewer sees the
 * process instances they started, those with a task that is theirs or offered to them (now) or
 * was assigned to them (history), and those whose business key names a record the application
 * lets them see. Callers who see everything pass no `visibleTo`.
 */
export interface Viewer {
  readonly userId: string;
  /** candidate groups the viewer belongs to */
  readonly groups: readonly string[];
  /** the viewer's record scope as the application names it; 'none': business keys grant nothing */
  readonly records: string;
}

export interface ListQuery {
  readonly filter: Filter;
  readonly sorting?: readonly Sorting[];
  readonly page?: Page;
}

/** The read side behind the REST API and the web app; adapters implement it with SQL. */
export interface EngineQueries {
  deployments(query: ListQuery): Promise<DeploymentRecord[]>;
  countDeployments(filter: Filter): Promise<number>;
  deploymentResources(deploymentId: string): Promise<ResourceRecord[]>;

  definitions(query: ListQuery): Promise<ProcessDefinitionRecord[]>;
  countDefinitions(filter: Filter): Promise<number>;
  definitionXml(definitionId: string): Promise<string | null>;
  deployedDefinition(definitionId: string): Promise<DeployedDefinition | null>;

  instances(query: ListQuery): Promise<(ProcessInstanceRecord & { readonly hasIncident: boolean })[]>;
  countInstances(filter: Filter): Promise<number>;
  instanceElements(processInstanceId: string): Promise<ElementInstanceRecord[]>;
  variables(query: ListQuery): Promise<VariableRecord[]>;

  tasks(query: ListQuery): Promise<TaskRecord[]>;
  countTasks(filter: Filter): Promise<number>;

  externalTasks(query: ListQuery): Promise<ExternalTaskRecord[]>;
  countExternalTasks(filter: Filter): Promise<number>;
  externalTaskTopics(filter: Filter): Promise<string[]>;

  jobs(query: ListQuery): Promise<JobRecord[]>;
  countJobs(filter: Filter): Promise<number>;

  incidents(query: ListQuery): Promise<IncidentRecord[]>;
  countIncidents(filter: Filter): Promise<number>;

  historicInstances(query: ListQuery): Promise<HistoricProcessInstanceRecord[]>;
  countHistoricInstances(filter: Filter): Promise<number>;
  historicActivities(query: ListQuery): Promise<HistoricActivityInstanceRecord[]>;
  countHistoricActivities(filter: Filter): Promise<number>;
  historicVariables(query: ListQuery): Promise<HistoricVariableRecord[]>;
  countHistoricVariables(filter: Filter): Promise<number>;
  historicTasks(query: ListQuery): Promise<HistoricTaskRecord[]>;
  countHistoricTasks(filter: Filter): Promise<number>;
  historicIncidents(query: ListQuery): Promise<HistoricIncidentRecord[]>;
  countHistoricIncidents(filter: Filter): Promise<number>;

  /** per definition: running instances and open incidents (of the instances the viewer sees, when given) */
  definitionStatistics(viewer?: Viewer): Promise<{ definitionId: string; instances: number; incidents: number; failedJobs: number }[]>;
  /** per activity of a definition: active tokens and open incidents (of the instances the viewer sees, when given) */
  activityStatistics(definitionId: string, viewer?: Viewer): Promise<{ activityId: string; instances: number; incidents: number; failedJobs: number }[]>;
  /** false when the business key names a record of the application that the viewer may not see */
  businessKeyVisible(businessKey: string, viewer: Viewer): Promise<boolean>;
  /** what /metrics reports: counts over the runtime state, now */
  gauges(): Promise<EngineGauges>;
  /** how often something happened, per interval (aligned to multiples of it since the epoch), newest first; empty intervals left out */
  metricIntervals(query: MetricQuery & { readonly intervalSeconds: number; readonly limit: number }): Promise<{ timestamp: Date; value: number }[]>;
  metricSum(query: MetricQuery): Promise<number>;
}

/**
 * Camunda's metric names this engine counts from its history: process instances started at the
 * root (`root-process-instance-start`, also `process-instances`), flow node instances started and
 * ended; and two of its own: root instances completed, incidents raised.
 */
export const METRIC_NAMES = [
  'root-process-instance-start', 'process-instances', 'activity-instance-start', 'flow-node-instances', 'activity-instance-end',
  'root-process-instance-complete', 'incident-create',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export interface MetricQuery {
  readonly name: MetricName;
  /** inclusive */
  readonly startDate?: Date;
  /** exclusive */
  readonly endDate?: Date;
}

export interface EngineGauges {
  readonly runningInstances: number;
  /** due, with retries left, not locked */
  readonly dueJobs: number;
  readonly openUserTasks: number;
  readonly incidentsByType: Readonly<Record<string, number>>;
  readonly externalTasksByTopic: Readonly<Record<string, number>>;
}
