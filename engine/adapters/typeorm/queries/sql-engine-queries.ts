import type { DataSource } from 'typeorm';
import type { DefinitionGraphCache } from '../../../core/definitions/graph-cache.js';
import type { DeployedDefinition, ProcessDefinitionRecord } from '../../../core/definitions/definition-record.js';
import type { EngineGauges, EngineQueries, Filter, ListQuery, MetricQuery, Viewer } from '../../../core/ports/engine-queries.js';
import { definitionTable, deploymentTable, resourceTable } from '../tables/definition-tables.js';
import {
  histActivityInstanceTable, histIncidentTable, histProcessInstanceTable, histTaskTable, histVariableTable,
} from '../tables/history-tables.js';
import {
  elementInstanceTable, externalTaskTable, incidentTable, jobTable, processInstanceTable, taskTable, variableTable,
} from '../tables/runtime-tables.js';
import { PooledQuery } from '../pooled-query.js';
import { readRow, type Table } from '../tables/table.js';
import { countsOf } from '../statistics-counts.js';
import * as filters from './filter-specs.js';
import { DEFAULT_HISTORY_LEVEL, writesHistoryOf, type HistoryLevel } from '../../../core/execution/history-level.js';
import {
  businessKeyAsUuid, HISTORIC_INSTANCE_ROWS, instanceIdVisible, RUNTIME_INSTANCE_ROWS, visibleToFilter, type Bind, type BusinessKeyRecords, type InstanceRows,
} from './instance-visibility.js';
import { SORT_COLUMNS } from './sort-columns.js';
import { metricIntervals, metricSum } from './sql-metrics.js';
import { buildWhere, orderBy, pagingParams, type FilterSpec } from './where.js';

interface Source<R extends { readonly id: string }> {
  readonly from: string;
  readonly table: Table<R>;
  readonly filters: FilterSpec;
  readonly sort: Readonly<Record<string, string>>;
  readonly fallbackOrder: string;
  readonly select?: string;
}

const SOURCES = {
  deployment: { from: 'engine.deployment', table: deploymentTable, filters: filters.deploymentFilters, sort: SORT_COLUMNS.deployment, fallbackOrder: 'deployment_time DESC, id' },
  definition: { from: 'engine.process_definition d', table: definitionTable, filters: filters.definitionFilters, sort: SORT_COLUMNS.definition, fallbackOrder: 'd.key, d.version DESC', select: 'd.*' },
  instance: {
    from: 'engine.process_instance pi',
    table: processInstanceTable,
    filters: filters.instanceFilters,
    sort: SORT_COLUMNS.instance,
    fallbackOrder: 'pi.start_time, pi.id',
    select: 'pi.*, EXISTS (SELECT 1 FROM engine.incident i WHERE i.process_instance_id = pi.id) AS has_incident',
  },
  variable: { from: 'engine.variable', table: variableTable, filters: filters.variableFilters, sort: SORT_COLUMNS.variable, fallbackOrder: 'name, id' },
  task: { from: 'engine.task t', table: taskTable, filters: filters.taskFilters, sort: SORT_COLUMNS.task, fallbackOrder: 't.created, t.id', select: 't.*' },
  externalTask: { from: 'engine.external_task', table: externalTaskTable, filters: filters.externalTaskFilters, sort: SORT_COLUMNS.externalTask, fallbackOrder: 'created, id' },
  job: { from: 'engine.job', table: jobTable, filters: filters.jobFilters, sort: SORT_COLUMNS.job, fallbackOrder: 'due_at, id' },
  incident: { from: 'engine.incident', table: incidentTable, filters: filters.incidentFilters, sort: SORT_COLUMNS.incident, fallbackOrder: 'created, id' },
  historicInstance: { from: 'engine.hist_process_instance', table: histProcessInstanceTable, filters: filters.historicInstanceFilters, sort: SORT_COLUMNS.historicInstance, fallbackOrder: 'start_time, id' },
  historicActivity: { from: 'engine.hist_activity_instance', table: histActivityInstanceTable, filters: filters.historicActivityFilters, sort: SORT_COLUMNS.historicActivity, fallbackOrder: 'start_time, seq' },
  historicVariable: { from: 'engine.hist_variable', table: histVariableTable, filters: filters.historicVariableFilters, sort: SORT_COLUMNS.historicVariable, fallbackOrder: 'create_time, id' },
  historicTask: { from: 'engine.hist_task', table: histTaskTable, filters: filters.historicTaskFilters, sort: SORT_COLUMNS.historicTask, fallbackOrder: 'start_time, id' },
  historicIncident: { from: 'engine.hist_incident', table: histIncidentTable, filters: filters.historicIncidentFilters, sort: SORT_COLUMNS.historicIncident, fallbackOrder: 'created, id' },
} as const;

type SourceName = keyof typeof SOURCES;

/** where the sources that narrow to the instances a viewer may see (`visibleTo`) find the instance: the historic row itself, or its id in a column */
const INSTANCE_OF: Partial<Record<SourceName, { readonly row: string } | { readonly column: string }>> = {
  instance: { column: 'pi.id' },
  variable: { column: 'variable.process_instance_id' },
  task: { column: 't.process_instance_id' },
  incident: { column: 'incident.process_instance_id' },
  historicInstance: { row: 'hist_process_instance' },
  historicActivity: { column: 'hist_activity_instance.process_instance_id' },
  historicVariable: { column: 'hist_variable.process_instance_id' },
  historicTask: { column: 'hist_task.process_instance_id' },
  historicIncident: { column: 'hist_incident.process_instance_id' },
};

/** the runtime sources: without history (HISTORY_LEVEL=none) their visibility reads the running instance */
const RUNTIME_SOURCES: ReadonlySet<SourceName> = new Set(['instance', 'variable', 'task', 'incident']);

/** where the runtime sources find an instance's row for its visibility */
function runtimeInstanceRows(historyLevel: HistoryLevel): InstanceRows {
  return writesHistoryOf(historyLevel, 'processInstance') ? HISTORIC_INSTANCE_ROWS : RUNTIME_INSTANCE_ROWS;
}

function withVisibility(records: BusinessKeyRecords | undefined, runtimeRows: InstanceRows): typeof SOURCES {
  const sources: Record<SourceName, { readonly filters: FilterSpec }> = { ...SOURCES };
  for (const [name, where] of Object.entries(INSTANCE_OF) as [SourceName, { row: string } | { column: string }][]) {
    const rows = RUNTIME_SOURCES.has(name) ? runtimeRows : HISTORIC_INSTANCE_ROWS;
    sources[name] = { ...SOURCES[name], filters: { ...SOURCES[name].filters, ...visibleToFilter(where, records, rows) } };
  }
  return sources as typeof SOURCES;
}

/** The read side in SQL: list, count and a few aggregates for the cockpit. */
export class SqlEngineQueries implements EngineQueries {
  private readonly sources: typeof SOURCES;
  /** lists and counts go out as named (prepared) statements on PostgreSQL */
  private readonly pooled: PooledQuery;
  private readonly runtimeRows: InstanceRows;

  constructor(
    private readonly dataSource: DataSource,
    private readonly graphs: DefinitionGraphCache,
    /** how business keys name the application's records (see `visibleTo`); none: they grant nothing */
    private readonly records?: BusinessKeyRecords,
    historyLevel: HistoryLevel = DEFAULT_HISTORY_LEVEL,
  ) {
    this.runtimeRows = runtimeInstanceRows(historyLevel);
    this.sources = withVisibility(records, this.runtimeRows);
    this.pooled = new PooledQuery(dataSource);
  }

  deployments = (q: ListQuery) => this.list(this.sources.deployment, q);
  countDeployments = (f: Filter) => this.count(this.sources.deployment, f);
  definitions = (q: ListQuery) => this.list(this.sources.definition, q);
  countDefinitions = (f: Filter) => this.count(this.sources.definition, f);
  variables = (q: ListQuery) => this.list(this.sources.variable, q);
  tasks = (q: ListQuery) => this.list(this.sources.task, q);
  countTasks = (f: Filter) => this.count(this.sources.task, f);
  externalTasks = (q: ListQuery) => this.list(this.sources.externalTask, q);
  countExternalTasks = (f: Filter) => this.count(this.sources.externalTask, f);
  jobs = (q: ListQuery) => this.list(this.sources.job, q);
  countJobs = (f: Filter) => this.count(this.sources.job, f);
  incidents = (q: ListQuery) => this.list(this.sources.incident, q);
  countIncidents = (f: Filter) => this.count(this.sources.incident, f);
  countInstances = (f: Filter) => this.count(this.sources.instance, f);
  historicInstances = (q: ListQuery) => this.list(this.sources.historicInstance, q);
  countHistoricInstances = (f: Filter) => this.count(this.sources.historicInstance, f);
  historicActivities = (q: ListQuery) => this.list(this.sources.historicActivity, q);
  countHistoricActivities = (f: Filter) => this.count(this.sources.historicActivity, f);
  historicVariables = (q: ListQuery) => this.list(this.sources.historicVariable, q);
  countHistoricVariables = (f: Filter) => this.count(this.sources.historicVariable, f);
  historicTasks = (q: ListQuery) => this.list(this.sources.historicTask, q);
  countHistoricTasks = (f: Filter) => this.count(this.sources.historicTask, f);
  historicIncidents = (q: ListQuery) => this.list(this.sources.historicIncident, q);
  countHistoricIncidents = (f: Filter) => this.count(this.sources.historicIncident, f);

  async instances(query: ListQuery) {
    const rows = await this.rows(this.sources.instance, query);
    return rows.map((row) => ({ ...readRow(processInstanceTable, row), hasIncident: row['has_incident'] === true }));
  }

  async deploymentResources(deploymentId: string) {
    const rows = await this.dataSource.query('SELECT * FROM engine.resource WHERE deployment_id = $1 ORDER BY name', [deploymentId]);
    return (rows as Record<string, unknown>[]).map((r) => readRow(resourceTable, r));
  }

  async definitionXml(definitionId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT r.content FROM engine.process_definition d JOIN engine.resource r ON r.deployment_id = d.deployment_id AND r.name = d.resource_name WHERE d.id = $1`,
      [definitionId],
    )) as { content: string }[];
    return rows[0]?.content ?? null;
  }

  async deployedDefinition(definitionId: string): Promise<DeployedDefinition | null> {
    const [record] = await this.definitions({ filter: { processDefinitionId: definitionId } });
    if (!record) return null;
    return this.graphs.resolve(record as ProcessDefinitionRecord, async () => (await this.definitionXml(definitionId)) ?? '');
  }

  async instanceElements(processInstanceId: string) {
    const rows = await this.dataSource.query('SELECT * FROM engine.element_instance WHERE process_instance_id = $1 ORDER BY start_time, id', [processInstanceId]);
    return (rows as Record<string, unknown>[]).map((r) => readRow(elementInstanceTable, r));
  }

  async externalTaskTopics(filter: Filter): Promise<string[]> {
    const where = buildWhere(this.sources.externalTask.filters, filter);
    const rows = (await this.dataSource.query(`SELECT DISTINCT topic FROM engine.external_task WHERE ${where} ORDER BY topic`, where.params)) as { topic: string }[];
    return rows.map((r) => r.topic);
  }

  /**
   * Per definition: its running instances, incidents and failed jobs. Without a viewer, the
   * instance counts are the kept counts (statistics-counts.ts: base rows plus recent deltas, so the
   * cost does not grow with the instances); incidents are few and counted. A viewer who sees only
   * some instances gets the counts of what they see, which no kept count can know: the rows are
   * counted, limited to theirs.
   */
  async definitionStatistics(viewer?: Viewer) {
    const rows = (viewer ? await this.definitionStatisticsSeen(viewer) : await this.dataSource.query(`
      SELECT d.id AS definition_id, coalesce(c.instances, 0)::int AS instances, coalesce(i.incidents, 0)::int AS incidents, coalesce(i.failed_jobs, 0)::int AS failed_jobs
      FROM engine.process_definition d
      LEFT JOIN ${countsOf('TRUE', 'process')} c ON c.definition_id = d.id
      LEFT JOIN (SELECT x.definition_id, count(*) AS incidents, count(*) FILTER (WHERE x.type = 'failedJob') AS failed_jobs FROM engine.incident x GROUP BY x.definition_id) i
        ON i.definition_id = d.id`)) as Record<string, unknown>[];
    return rows.map((r) => ({ definitionId: String(r['definition_id']), instances: Number(r['instances']), incidents: Number(r['incidents']), failedJobs: Number(r['failed_jobs']) }));
  }

  /** per activity of a definition: see definitionStatistics */
  async activityStatistics(definitionId: string, viewer?: Viewer) {
    const rows = (viewer ? await this.activityStatisticsSeen(definitionId, viewer) : await this.dataSource.query(
      `SELECT coalesce(c.activity_id, i.activity_id) AS activity_id,
         coalesce(c.instances, 0)::int AS instances, coalesce(i.incidents, 0)::int AS incidents, coalesce(i.failed_jobs, 0)::int AS failed_jobs
       FROM ${countsOf('definition_id = $1', 'elements')} c
       FULL JOIN (SELECT x.activity_id, count(*) AS incidents, count(*) FILTER (WHERE x.type = 'failedJob') AS failed_jobs FROM engine.incident x
                  WHERE x.definition_id = $1 GROUP BY x.activity_id) i ON i.activity_id = c.activity_id
       WHERE c.present > 0 OR i.incidents > 0`,
      [definitionId],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({ activityId: String(r['activity_id']), instances: Number(r['instances']), incidents: Number(r['incidents']), failedJobs: Number(r['failed_jobs']) }));
  }

  /** definitionStatistics counted from the rows, limited to the instances the viewer sees */
  private async definitionStatisticsSeen(viewer: Viewer): Promise<Record<string, unknown>[]> {
    const visible = this.visibleInstances(viewer);
    return (await this.dataSource.query(`
      SELECT d.id AS definition_id,
        (SELECT count(*) FROM engine.process_instance pi WHERE pi.definition_id = d.id AND ${visible.test('pi.id')})::int AS instances,
        (SELECT count(*) FROM engine.incident i WHERE i.definition_id = d.id AND ${visible.test('i.process_instance_id')})::int AS incidents,
        (SELECT count(*) FROM engine.incident i WHERE i.definition_id = d.id AND i.type = 'failedJob' AND ${visible.test('i.process_instance_id')})::int AS failed_jobs
      FROM engine.process_definition d`, visible.params)) as Record<string, unknown>[];
  }

  /** activityStatistics counted from the rows, limited to the instances the viewer sees */
  private async activityStatisticsSeen(definitionId: string, viewer: Viewer): Promise<Record<string, unknown>[]> {
    const visible = this.visibleInstances(viewer, [definitionId]);
    return (await this.dataSource.query(
      `SELECT a.activity_id,
         coalesce(e.instances, 0)::int AS instances, coalesce(i.incidents, 0)::int AS incidents, coalesce(i.failed_jobs, 0)::int AS failed_jobs
       FROM (SELECT DISTINCT element_id AS activity_id FROM engine.element_instance WHERE process_instance_id IN (SELECT p.id FROM engine.process_instance p WHERE p.definition_id = $1 AND ${visible.test('p.id')}) AND kind <> 'process'
             UNION SELECT DISTINCT x.activity_id FROM engine.incident x WHERE x.definition_id = $1 AND ${visible.test('x.process_instance_id')}) a
       LEFT JOIN (SELECT e.element_id, count(*) AS instances FROM engine.element_instance e JOIN engine.process_instance pi ON pi.id = e.process_instance_id
                  WHERE pi.definition_id = $1 AND e.kind NOT IN ('process', 'multiInstanceBody', 'standardLoopBody') AND ${visible.test('pi.id')} GROUP BY e.element_id) e ON e.element_id = a.activity_id
       LEFT JOIN (SELECT x.activity_id, count(*) AS incidents, count(*) FILTER (WHERE x.type = 'failedJob') AS failed_jobs FROM engine.incident x
                  WHERE x.definition_id = $1 AND ${visible.test('x.process_instance_id')} GROUP BY x.activity_id) i ON i.activity_id = a.activity_id`,
      visible.params,
    )) as Record<string, unknown>[];
  }

  async businessKeyVisible(businessKey: string, viewer: Viewer): Promise<boolean> {
    if (!this.records?.isRecordKey(businessKey)) return true;
    if (viewer.records === 'none') return false;
    const params: unknown[] = [];
    const bind: Bind = (value) => `$${params.push(value)}`;
    const key = bind(businessKey);
    const rows = (await this.dataSource.query(`SELECT (${this.records.visibleKey(businessKeyAsUuid(`${key}::text`), viewer, bind)}) AS visible`, params)) as { visible: boolean }[];
    return rows[0]?.visible === true;
  }

  /** for the aggregates: the test on an instance id column (TRUE without a viewer) */
  private visibleInstances(viewer: Viewer | undefined, params: unknown[] = []): { test: (column: string) => string; params: unknown[] } {
    if (!viewer) return { test: () => 'TRUE', params };
    const bind: Bind = (value) => `$${params.push(value)}`;
    return { test: (column) => instanceIdVisible(column, viewer, bind, this.records, this.runtimeRows), params };
  }

  async gauges(): Promise<EngineGauges> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM engine.process_instance) AS running,
              (SELECT count(*)::int FROM engine.job WHERE retries > 0 AND due_at <= now() AND (lock_expiration IS NULL OR lock_expiration <= now())) AS due,
              (SELECT count(*)::int FROM engine.task) AS tasks,
              (SELECT coalesce(json_object_agg(type, n), '{}') FROM (SELECT type, count(*)::int AS n FROM engine.incident GROUP BY type) i) AS incidents,
              (SELECT coalesce(json_object_agg(topic, n), '{}') FROM (SELECT topic, count(*)::int AS n FROM engine.external_task GROUP BY topic) e) AS topics`,
    )) as { running: number; due: number; tasks: number; incidents: unknown; topics: unknown }[];
    const counts = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : (value ?? {})) as Record<string, number>;
    return { runningInstances: row!.running, dueJobs: row!.due, openUserTasks: row!.tasks, incidentsByType: counts(row!.incidents), externalTasksByTopic: counts(row!.topics) };
  }

  metricIntervals = (query: MetricQuery & { readonly intervalSeconds: number; readonly limit: number }) => metricIntervals(this.dataSource, query);
  metricSum = (query: MetricQuery) => metricSum(this.dataSource, query);

  private async list<R extends { readonly id: string }>(source: Source<R>, query: ListQuery): Promise<R[]> {
    const rows = await this.rows(source, query);
    return rows.map((row) => readRow(source.table, row));
  }

  private async rows<R extends { readonly id: string }>(source: Source<R>, query: ListQuery): Promise<Record<string, unknown>[]> {
    const where = buildWhere(source.filters, query.filter);
    const order = orderBy(source.sort, query.sorting, source.fallbackOrder);
    const page = pagingParams(where, query);
    return this.pooled.rows(`SELECT ${source.select ?? '*'} FROM ${source.from} WHERE ${where} ORDER BY ${order}${page}`, where.params);
  }

  private async count<R extends { readonly id: string }>(source: Source<R>, filter: Filter): Promise<number> {
    const where = buildWhere(source.filters, filter);
    const rows = await this.pooled.rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${source.from} WHERE ${where}`, where.params);
    return Number(rows[0]?.n ?? 0);
  }
}
