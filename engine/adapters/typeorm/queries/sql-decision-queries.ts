import type { DataSource } from 'typeorm';
import type { DecisionDefinitionRecord, DecisionRequirementsDefinitionRecord, HistoricDecisionInstanceRecord } from '../../../core/dmn/decision-records.js';
import type { DecisionQueries } from '../../../core/ports/decision-queries.js';
import type { Filter, ListQuery, Viewer } from '../../../core/ports/engine-queries.js';
import { decisionDefinitionTable, decisionRequirementsDefinitionTable, histDecisionInstanceTable } from '../tables/decision-tables.js';
import { readRow, type Table } from '../tables/table.js';
import { instanceIdVisible, type Bind, type BusinessKeyRecords } from './instance-visibility.js';
import { buildWhere, orderBy, paging, type FilterSpec, type Where } from './where.js';

const eq = (column: string) => (w: Where, v: unknown) => w.eq(column, v);
const inList = (column: string) => (w: Where, v: readonly string[]) => w.in(column, v);
const like = (column: string) => (w: Where, v: string) => w.like(column, v);
const flag = (sql: string) => (w: Where, v: boolean) => (v ? w.raw(sql) : w);

const decisionFilters: FilterSpec = {
  decisionDefinitionId: eq('d.id'),
  decisionDefinitionIdIn: inList('d.id'),
  key: eq('d.key'),
  keyLike: like('d.key'),
  name: eq('d.name'),
  nameLike: like('d.name'),
  category: eq('d.category'),
  categoryLike: like('d.category'),
  version: eq('d.version'),
  versionTag: eq('d.version_tag'),
  versionTagLike: like('d.version_tag'),
  deploymentId: eq('d.deployment_id'),
  resourceName: eq('d.resource_name'),
  resourceNameLike: like('d.resource_name'),
  decisionRequirementsDefinitionId: eq('d.requirements_id'),
  decisionRequirementsDefinitionKey: eq('d.requirements_key'),
  latestVersion: flag(`d.version = (SELECT max(x.version) FROM engine.decision_definition x WHERE x.key = d.key AND x.tenant_id IS NOT DISTINCT FROM d.tenant_id)`),
  tenantIdIn: inList('d.tenant_id'),
  withoutTenantId: flag('d.tenant_id IS NULL'),
};

const requirementsFilters: FilterSpec = {
  decisionRequirementsDefinitionId: eq('r.id'),
  decisionRequirementsDefinitionIdIn: inList('r.id'),
  key: eq('r.key'),
  keyLike: like('r.key'),
  name: eq('r.name'),
  nameLike: like('r.name'),
  category: eq('r.category'),
  categoryLike: like('r.category'),
  version: eq('r.version'),
  deploymentId: eq('r.deployment_id'),
  resourceName: eq('r.resource_name'),
  resourceNameLike: like('r.resource_name'),
  latestVersion: flag(`r.version = (SELECT max(x.version) FROM engine.decision_requirements_definition x WHERE x.key = r.key AND x.tenant_id IS NOT DISTINCT FROM r.tenant_id)`),
  tenantIdIn: inList('r.tenant_id'),
  withoutTenantId: flag('r.tenant_id IS NULL'),
};

const historyFilters = (records: BusinessKeyRecords | undefined): FilterSpec => ({
  decisionInstanceId: eq('h.id'),
  decisionInstanceIdIn: inList('h.id'),
  decisionDefinitionId: eq('h.decision_definition_id'),
  decisionDefinitionIdIn: inList('h.decision_definition_id'),
  decisionDefinitionKey: eq('h.decision_definition_key'),
  decisionDefinitionKeyIn: inList('h.decision_definition_key'),
  decisionDefinitionName: eq('h.decision_definition_name'),
  decisionDefinitionNameLike: like('h.decision_definition_name'),
  processDefinitionId: eq('h.definition_id'),
  processDefinitionKey: eq('h.definition_key'),
  processInstanceId: eq('h.process_instance_id'),
  activityIdIn: inList('h.activity_id'),
  activityInstanceIdIn: inList('h.activity_instance_id'),
  evaluatedBefore: (w: Where, v: Date) => w.raw(`h.evaluation_time <= ${w.param(v)}`),
  evaluatedAfter: (w: Where, v: Date) => w.raw(`h.evaluation_time >= ${w.param(v)}`),
  userId: eq('h.user_id'),
  rootDecisionInstanceId: (w: Where, v: string) => w.raw(`(h.id = ${w.param(v)} OR h.root_decision_instance_id = ${w.param(v)})`),
  rootDecisionInstancesOnly: flag('h.root_decision_instance_id IS NULL'),
  decisionRequirementsDefinitionId: eq('h.requirements_id'),
  decisionRequirementsDefinitionKey: eq('h.requirements_key'),
  tenantIdIn: inList('h.tenant_id'),
  withoutTenantId: flag('h.tenant_id IS NULL'),
  // a viewer sees the evaluations of the process instances they see, and of evaluations outside a process
  // (REST evaluate) only their own: those of others only who sees everything
  visibleTo: (w: Where, viewer: Viewer) => {
    const bind: Bind = (value) => w.param(value);
    w.raw(`((h.process_instance_id IS NOT NULL AND ${instanceIdVisible('h.process_instance_id', viewer, bind, records)}) OR (h.process_instance_id IS NULL AND h.user_id = ${w.param(viewer.userId)}))`);
  },
});

const SORT = {
  decision: { category: 'd.category', decisionRequirementsDefinitionKey: 'd.requirements_key', key: 'd.key', id: 'd.id', name: 'd.name', version: 'd.version', deploymentId: 'd.deployment_id', versionTag: 'd.version_tag', tenantId: 'd.tenant_id' },
  requirements: { id: 'r.id', key: 'r.key', name: 'r.name', version: 'r.version', deploymentId: 'r.deployment_id', category: 'r.category', tenantId: 'r.tenant_id' },
  history: { evaluationTime: 'h.evaluation_time', tenantId: 'h.tenant_id' },
} as const;

interface Source<R extends { readonly id: string }> {
  readonly from: string;
  readonly alias: string;
  readonly table: Table<R>;
  readonly filters: FilterSpec;
  readonly sort: Readonly<Record<string, string>>;
  readonly fallbackOrder: string;
}

/** DMN definitions and decision history in SQL */
export class SqlDecisionQueries implements DecisionQueries {
  private readonly decisions: Source<DecisionDefinitionRecord>;
  private readonly requirements: Source<DecisionRequirementsDefinitionRecord>;
  private readonly history: Source<HistoricDecisionInstanceRecord>;

  constructor(
    private readonly dataSource: DataSource,
    records?: BusinessKeyRecords,
  ) {
    this.decisions = { from: 'engine.decision_definition d', alias: 'd', table: decisionDefinitionTable, filters: decisionFilters, sort: SORT.decision, fallbackOrder: 'd.key, d.version DESC, d.id' };
    this.requirements = { from: 'engine.decision_requirements_definition r', alias: 'r', table: decisionRequirementsDefinitionTable, filters: requirementsFilters, sort: SORT.requirements, fallbackOrder: 'r.key, r.version DESC, r.id' };
    this.history = { from: 'engine.hist_decision_instance h', alias: 'h', table: histDecisionInstanceTable, filters: historyFilters(records), sort: SORT.history, fallbackOrder: 'h.evaluation_time, h.id' };
  }

  decisionDefinitions = (q: ListQuery) => this.list(this.decisions, q);
  countDecisionDefinitions = (f: Filter) => this.count(this.decisions, f);
  requirementsDefinitions = (q: ListQuery) => this.list(this.requirements, q);
  countRequirementsDefinitions = (f: Filter) => this.count(this.requirements, f);
  historicDecisionInstances = (q: ListQuery) => this.list(this.history, q);
  countHistoricDecisionInstances = (f: Filter) => this.count(this.history, f);

  async dmnXml(kind: 'decision' | 'requirements', id: string): Promise<string | null> {
    const table = kind === 'decision' ? 'engine.decision_definition' : 'engine.decision_requirements_definition';
    const rows = (await this.dataSource.query(
      `SELECT r.content FROM ${table} d JOIN engine.resource r ON r.deployment_id = d.deployment_id AND r.name = d.resource_name WHERE d.id = $1`,
      [id],
    )) as { content: string }[];
    return rows[0]?.content ?? null;
  }

  private async list<R extends { readonly id: string }>(source: Source<R>, query: ListQuery): Promise<R[]> {
    const where = buildWhere(source.filters, query.filter);
    const order = orderBy(source.sort, query.sorting, source.fallbackOrder);
    const rows = (await this.dataSource.query(
      `SELECT ${source.alias}.* FROM ${source.from} WHERE ${where} ORDER BY ${order}${paging(query)}`,
      where.params,
    )) as Record<string, unknown>[];
    return rows.map((row) => readRow(source.table, row));
  }

  private async count<R extends { readonly id: string }>(source: Source<R>, filter: Filter): Promise<number> {
    const where = buildWhere(source.filters, filter);
    const rows = (await this.dataSource.query(`SELECT count(*)::int AS n FROM ${source.from} WHERE ${where}`, where.params)) as { n: number }[];
    return Number(rows[0]?.n ?? 0);
  }
}
