import type { DefinitionGraphCache } from '../../core/definitions/graph-cache.js';
import type { DeployedDefinition, ProcessDefinitionRecord } from '../../core/definitions/definition-record.js';
import type { DecisionDefinitionRecord } from '../../core/dmn/decision-records.js';
import type { FormDefinitionRecord, FormDefinitionRef } from '../../core/forms/form-definition.js';
import type { InstanceSnapshot, OwnedRows } from '../../core/execution/instance-aggregate.js';
import { byOwnedKind, OWNED_KINDS, type OwnedKind } from '../../core/execution/owned-kinds.js';
import type { ExternalTaskRecord, JobRecord, SubscriptionRecord } from '../../core/execution/records.js';
import type {
  DefinitionRef, DeploymentRecord, EngineTransaction, ResourceRecord, SubscriptionQuery, UnitOfWorkChanges,
} from '../../core/ports/engine-store.js';
import { OptimisticLockError } from '../../core/errors/index.js';
import { serializeForStorage, type TypedValue } from '../../core/variables/index.js';
import { CommitCompanionWriters } from './commit-companions.js';
import { LatestDefinitions, type AssumedLatest } from './latest-definitions.js';
import { storedAfter, type RecentInstances, type StoredInstance } from './recent-instances.js';
import type { Sql } from './sql.js';
import { SqlBatchReads } from './sql-batches.js';
import { writeChanges } from './sql-writer.js';
import { decisionDefinitionTable } from './tables/decision-tables.js';
import { definitionTable, deploymentTable, formDefinitionTable, resourceTable } from './tables/definition-tables.js';
import { externalTaskTable, jobTable, ownedTables, processInstanceTable, subscriptionTable } from './tables/runtime-tables.js';
import { readRow } from './tables/table.js';

/** instance row plus every owned row, in one round trip */
const LOAD_INSTANCE_COLUMNS = `SELECT pi.*, ${OWNED_KINDS
  .map((kind) => `(SELECT coalesce(json_agg(x), '[]'::json) FROM ${ownedTables[kind].name} x WHERE x.process_instance_id = pi.id) AS "${kind}"`)
  .join(', ')} FROM engine.process_instance pi`;
const LOAD_INSTANCE_SQL = `${LOAD_INSTANCE_COLUMNS} WHERE pi.id = $1`;
const LOAD_INSTANCES_SQL = `${LOAD_INSTANCE_COLUMNS} WHERE pi.id = ANY($1::text[])`;
/** the instance that owns a task, found and loaded in the same statement */
const LOAD_INSTANCE_OF_TASK_SQL = `${LOAD_INSTANCE_COLUMNS} WHERE pi.id = (SELECT t.process_instance_id FROM engine.task t WHERE t.id = $1)`;

export class SqlEngineTransaction implements EngineTransaction {
  readonly batches: SqlBatchReads;
  /** definitions this command took from the cache as the latest of their key (its write checks them) */
  private readonly assumedLatest: AssumedLatest[] = [];
  /** the instances as this transaction read them (or took them from `recent`): what its write changes */
  private readonly read = new Map<string, InstanceSnapshot>();
  /** the instances taken from `recent`, with their revisions: the write must guard every one */
  private readonly guessed = new Map<string, number>();
  /** what the write left of each instance it changed (null: nothing to keep), for `recent` once committed */
  private written: Map<string, StoredInstance | null> | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly graphs: DefinitionGraphCache,
    private readonly latest: LatestDefinitions = new LatestDefinitions(),
    private readonly companions: CommitCompanionWriters = new CommitCompanionWriters(),
    /** what this node wrote last; read from only when `useRecent` */
    private readonly recent: RecentInstances | null = null,
    private readonly useRecent = false,
  ) {
    this.batches = new SqlBatchReads(sql);
  }

  async findDefinition(ref: DefinitionRef): Promise<DeployedDefinition | null> {
    const known = ref.by === 'id' ? this.graphs.known(ref.id) : undefined;
    if (known) return known;
    if (ref.by === 'latest') {
      const cached = this.latest.get(ref);
      const deployed = cached ? this.graphs.known(cached) : undefined;
      if (deployed) {
        this.assumedLatest.push({ definitionId: deployed.record.id, tenantScoped: ref.tenantId !== undefined, cacheKey: this.latest.cacheKey(ref) });
        return deployed;
      }
    }
    const { where, params } = definitionWhere(ref);
    const row = await this.sql.readOne(`SELECT * FROM engine.process_definition WHERE ${where} ORDER BY version DESC LIMIT 1`, params);
    if (!row) return null;
    const record = readRow(definitionTable, row);
    if (ref.by === 'latest') this.latest.set(ref, record.id);
    return this.graphs.resolve(record, async () => {
      const resource = await this.sql.readOne<{ content: string }>(
        'SELECT content FROM engine.resource WHERE deployment_id = $1 AND name = $2',
        [record.deploymentId, record.resourceName],
      );
      return resource?.content ?? '';
    });
  }

  async findLatestDeploymentByName(name: string, source: string | null, tenantId: string | null) {
    const row = await this.sql.readOne(
      `SELECT * FROM engine.deployment WHERE name = $1 AND source IS NOT DISTINCT FROM $2 AND tenant_id IS NOT DISTINCT FROM $3
       ORDER BY deployment_time DESC LIMIT 1`,
      [name, source, tenantId],
    );
    if (!row) return null;
    const deployment: DeploymentRecord = readRow(deploymentTable, row);
    const resources: ResourceRecord[] = (await this.sql.read('SELECT * FROM engine.resource WHERE deployment_id = $1', [deployment.id])).map((r) => readRow(resourceTable, r));
    const definitions: ProcessDefinitionRecord[] = (await this.sql.read('SELECT * FROM engine.process_definition WHERE deployment_id = $1', [deployment.id])).map((r) => readRow(definitionTable, r));
    return { deployment, resources, definitions };
  }

  async findDeployment(id: string) {
    const row = await this.sql.readOne('SELECT * FROM engine.deployment WHERE id = $1', [id]);
    if (!row) return null;
    const definitions = (await this.sql.read('SELECT * FROM engine.process_definition WHERE deployment_id = $1', [id])).map((r) => readRow(definitionTable, r));
    return { deployment: readRow(deploymentTable, row), definitions };
  }

  async runningInstanceIds(definitionIds: readonly string[]): Promise<string[]> {
    const rows = await this.sql.read<{ id: string }>('SELECT id FROM engine.process_instance WHERE definition_id = ANY($1::text[])', [definitionIds]);
    return rows.map((r) => r.id);
  }

  async removeDeployment(deploymentId: string, definitionIds: readonly string[], options: { readonly history: boolean }): Promise<void> {
    if (options.history) {
      await this.sql.exec(
        `DELETE FROM engine.task_comment WHERE process_instance_id IN (SELECT id FROM engine.hist_process_instance WHERE definition_id = ANY($1::text[]))`,
        [definitionIds],
      );
      for (const table of ['hist_activity_instance', 'hist_variable', 'hist_task', 'hist_incident', 'hist_decision_instance', 'hist_process_instance']) {
        await this.sql.exec(`DELETE FROM engine.${table} WHERE definition_id = ANY($1::text[])`, [definitionIds]);
      }
    }
    // resources, process, decision and form definitions go with the deployment (ON DELETE CASCADE)
    await this.sql.exec('DELETE FROM engine.deployment WHERE id = $1', [deploymentId]);
    this.graphs.forget(definitionIds);
    this.latest.clear();
  }

  async latestVersions(keys: readonly string[], tenantId: string | null): Promise<Map<string, number>> {
    const rows = await this.sql.read<{ key: string; version: number }>(
      'SELECT key, max(version) AS version FROM engine.process_definition WHERE key = ANY($1::text[]) AND tenant_id IS NOT DISTINCT FROM $2 GROUP BY key',
      [keys, tenantId],
    );
    return new Map(rows.map((r) => [r.key, Number(r.version)]));
  }

  async latestDefinitionIds(keys: readonly string[], tenantId: string | null): Promise<Map<string, string>> {
    const rows = await this.sql.read<{ key: string; id: string }>(
      `SELECT DISTINCT ON (key) key, id FROM engine.process_definition
       WHERE key = ANY($1::text[]) AND tenant_id IS NOT DISTINCT FROM $2 ORDER BY key, version DESC`,
      [keys, tenantId],
    );
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  async latestDecisionVersions(keys: readonly string[], tenantId: string | null): Promise<Map<string, number>> {
    return this.maxVersions('engine.decision_definition', keys, tenantId);
  }

  async latestDecisionRequirementsVersions(keys: readonly string[], tenantId: string | null): Promise<Map<string, number>> {
    return this.maxVersions('engine.decision_requirements_definition', keys, tenantId);
  }

  private async maxVersions(table: string, keys: readonly string[], tenantId: string | null): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const rows = await this.sql.read<{ key: string; version: number }>(
      `SELECT key, max(version) AS version FROM ${table} WHERE key = ANY($1::text[]) AND tenant_id IS NOT DISTINCT FROM $2 GROUP BY key`,
      [keys, tenantId],
    );
    return new Map(rows.map((r) => [r.key, Number(r.version)]));
  }

  async findDecisionDefinition(ref: DefinitionRef): Promise<DecisionDefinitionRecord | null> {
    const { where, params } = definitionWhere(ref);
    const row = await this.sql.readOne(`SELECT * FROM engine.decision_definition WHERE ${where} ORDER BY version DESC LIMIT 1`, params);
    return row ? readRow(decisionDefinitionTable, row) : null;
  }

  async decisionsOfRequirements(requirementsId: string): Promise<DecisionDefinitionRecord[]> {
    const rows = await this.sql.read('SELECT * FROM engine.decision_definition WHERE requirements_id = $1', [requirementsId]);
    return rows.map((r) => readRow(decisionDefinitionTable, r));
  }

  async latestFormVersions(keys: readonly string[], tenantId: string | null): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const rows = await this.sql.read<{ key: string; version: number }>(
      'SELECT key, max(version) AS version FROM engine.form_definition WHERE key = ANY($1::text[]) AND tenant_id IS NOT DISTINCT FROM $2 GROUP BY key',
      [keys, tenantId],
    );
    return new Map(rows.map((r) => [r.key, Number(r.version)]));
  }

  async findFormDefinition(ref: FormDefinitionRef): Promise<FormDefinitionRecord | null> {
    const params: unknown[] = [ref.key, ref.tenantId];
    const version = ref.by === 'version' ? ` AND version = $${params.push(ref.version)}` : '';
    const row = await this.sql.readOne(
      `SELECT * FROM engine.form_definition WHERE key = $1 AND tenant_id IS NOT DISTINCT FROM $2${version} ORDER BY version DESC LIMIT 1`,
      params,
    );
    return row ? readRow(formDefinitionTable, row) : null;
  }

  async findResource(deploymentId: string, name: string): Promise<ResourceRecord | null> {
    const row = await this.sql.readOne('SELECT * FROM engine.resource WHERE deployment_id = $1 AND name = $2', [deploymentId, name]);
    return row ? readRow(resourceTable, row) : null;
  }

  async formResources(deploymentId: string): Promise<ResourceRecord[]> {
    const rows = await this.sql.read(`SELECT * FROM engine.resource WHERE deployment_id = $1 AND lower(name) LIKE '%.form'`, [deploymentId]);
    return rows.map((r) => readRow(resourceTable, r));
  }

  async definitionLevelJobs(definitionIds: readonly string[]): Promise<JobRecord[]> {
    if (definitionIds.length === 0) return [];
    const rows = await this.sql.read('SELECT * FROM engine.job WHERE process_instance_id IS NULL AND definition_id = ANY($1::text[])', [definitionIds]);
    return rows.map((r) => readRow(jobTable, r));
  }

  async definitionLevelSubscriptions(definitionIds: readonly string[]): Promise<SubscriptionRecord[]> {
    if (definitionIds.length === 0) return [];
    const rows = await this.sql.read('SELECT * FROM engine.event_subscription WHERE process_instance_id IS NULL AND definition_id = ANY($1::text[])', [definitionIds]);
    return rows.map((r) => readRow(subscriptionTable, r));
  }

  async loadInstance(id: string): Promise<InstanceSnapshot | null> {
    return this.guess(this.recent?.get(id)) ?? this.snapshotOf(await this.sql.readOne(LOAD_INSTANCE_SQL, [id]));
  }

  async loadInstances(ids: readonly string[]): Promise<InstanceSnapshot[]> {
    if (ids.length === 0) return [];
    return (await this.sql.read(LOAD_INSTANCES_SQL, [ids])).map((row) => this.snapshotOf(row)!);
  }

  async loadInstanceOfTask(taskId: string): Promise<InstanceSnapshot | null> {
    return this.guess(this.recent?.ofTask(taskId)) ?? this.snapshotOf(await this.sql.readOne(LOAD_INSTANCE_OF_TASK_SQL, [taskId]));
  }

  /** an instance this node wrote last, if the transaction may take it (the write then proves it current) */
  private guess(snapshot: InstanceSnapshot | null | undefined): InstanceSnapshot | null {
    if (!snapshot || !this.useRecent) return null;
    const id = snapshot.instance.id;
    if (this.read.has(id)) return null;
    this.guessed.set(id, snapshot.revision);
    this.read.set(id, snapshot);
    return snapshot;
  }

  /** the instances taken from what this node wrote last instead of read */
  get guessedInstanceIds(): string[] {
    return [...this.guessed.keys()];
  }

  /** once the transaction has committed: what its write left of the instances becomes what this node wrote last */
  rememberWritten(): void {
    if (!this.recent || !this.written) return;
    for (const [id, stored] of this.written) {
      if (stored) this.recent.remember(id, stored);
      else this.recent.forget(id);
    }
  }

  private snapshotOf(row: Record<string, unknown> | null): InstanceSnapshot | null {
    if (!row) return null;
    const owned = <K extends OwnedKind>(kind: K): OwnedRows<K>[K] => {
      const value = row[kind];
      const list = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>[];
      return list.map((r) => readRow(ownedTables[kind], r));
    };
    const snapshot: InstanceSnapshot = {
      instance: readRow(processInstanceTable, row),
      revision: Number(row['rev']),
      ...byOwnedKind<OwnedRows>(owned),
    };
    this.read.set(snapshot.instance.id, snapshot);
    return snapshot;
  }

  async instanceIdOfTask(taskId: string): Promise<string | null> {
    const row = await this.sql.readOne<{ process_instance_id: string }>('SELECT process_instance_id FROM engine.task WHERE id = $1', [taskId]);
    return row?.process_instance_id ?? null;
  }

  async findExternalTask(id: string): Promise<ExternalTaskRecord | null> {
    const row = await this.sql.readOne('SELECT * FROM engine.external_task WHERE id = $1', [id]);
    return row ? readRow(externalTaskTable, row) : null;
  }

  async findJob(id: string): Promise<JobRecord | null> {
    const row = await this.sql.readOne('SELECT * FROM engine.job WHERE id = $1', [id]);
    return row ? readRow(jobTable, row) : null;
  }

  async findSubscriptions(query: SubscriptionQuery): Promise<SubscriptionRecord[]> {
    const params: unknown[] = [query.type, query.eventName];
    const where = ['s.type = $1', 's.event_name = $2'];
    if (query.definitionLevel === true) where.push('s.process_instance_id IS NULL');
    if (query.definitionLevel === false) where.push('s.process_instance_id IS NOT NULL');
    if (query.processInstanceId !== undefined) where.push(`s.process_instance_id = $${params.push(query.processInstanceId)}`);
    if (query.processDefinitionId !== undefined) where.push(`s.definition_id = $${params.push(query.processDefinitionId)}`);
    if (query.businessKey !== undefined) where.push(`pi.business_key = $${params.push(query.businessKey)}`);
    if (query.tenantId) where.push(`s.tenant_id = $${params.push(query.tenantId)}`);
    for (const [name, value] of query.correlationKeys ?? []) where.push(variableMatches('s.process_instance_id', name, value, params));
    for (const [name, value] of query.localCorrelationKeys ?? []) where.push(variableMatches('s.element_instance_id', name, value, params));
    const limit = query.limit ? ` LIMIT ${Math.floor(query.limit)}` : '';
    const rows = await this.sql.read(
      `SELECT s.* FROM engine.event_subscription s LEFT JOIN engine.process_instance pi ON pi.id = s.process_instance_id
       WHERE ${where.join(' AND ')} ORDER BY s.created, s.id${limit}`,
      params,
    );
    return rows.map((r) => readRow(subscriptionTable, r));
  }

  async commit(changes: UnitOfWorkChanges): Promise<void> {
    if (changes.deployments.length > 0) this.latest.clear();
    const written = new Map(changes.instances.map((instance) => [instance.instanceId, instance]));
    for (const [id, revision] of this.guessed) {
      // a guess the write does not guard decided nothing yet: the command runs again on what is stored
      if (written.get(id)?.expectedRevision !== revision) throw new OptimisticLockError('process instance', id);
    }
    try {
      await writeChanges(this.sql, changes, this.assumedLatest, this.companions);
    } catch (error) {
      // a newer version may be what failed the write: the rerun reads the rows
      if (error instanceof OptimisticLockError) this.latest.forget(this.assumedLatest);
      throw error;
    }
    for (const deployment of changes.deployments) {
      for (const record of deployment.definitions) {
        const graph = deployment.graphs.get(record.id);
        if (graph) this.graphs.remember(record, graph);
      }
    }
    if (this.recent) {
      this.written ??= new Map();
      for (const [id, instance] of written) {
        const before = this.read.get(id) ?? null;
        // not known whole: changed from a read this transaction did not see (a poller's batch), or written twice
        const known = !this.written.has(id) && (before === null ? instance.expectedRevision === null : before.revision === instance.expectedRevision);
        this.written.set(id, known && this.recent.keeps(before, instance) ? storedAfter(before, instance) : null);
      }
    }
  }
}

const NUMERIC_TYPES = ['Integer', 'Long', 'Short', 'Double'];

/** a variable of the scope equals the value; numbers compare by value whatever their type */
function variableMatches(scopeColumn: string, name: string, value: TypedValue, params: unknown[]): string {
  const stored = serializeForStorage(value);
  const nameParam = `$${params.push(name)}`;
  if (NUMERIC_TYPES.includes(stored.type) && stored.text !== null) {
    const valueParam = `$${params.push(stored.text)}`;
    return `EXISTS (SELECT 1 FROM engine.variable v WHERE v.scope_id = ${scopeColumn} AND v.name = ${nameParam}
      AND v.type IN ('Integer', 'Long', 'Short', 'Double') AND v.text_value::numeric = ${valueParam}::numeric)`;
  }
  const typeParam = `$${params.push(stored.type)}`;
  const textParam = `$${params.push(stored.text)}`;
  return `EXISTS (SELECT 1 FROM engine.variable v WHERE v.scope_id = ${scopeColumn} AND v.name = ${nameParam}
    AND v.type = ${typeParam} AND v.text_value IS NOT DISTINCT FROM ${textParam})`;
}

function definitionWhere(ref: DefinitionRef): { where: string; params: unknown[] } {
  const tenant = (params: unknown[], tenantId: string | null | undefined) =>
    tenantId === undefined ? '' : ` AND tenant_id IS NOT DISTINCT FROM $${params.push(tenantId)}`;
  switch (ref.by) {
    case 'id':
      return { where: 'id = $1', params: [ref.id] };
    case 'latest': {
      const params: unknown[] = [ref.key];
      return { where: `key = $1${tenant(params, ref.tenantId)}`, params };
    }
    case 'version': {
      const params: unknown[] = [ref.key, ref.version];
      return { where: `key = $1 AND version = $2${tenant(params, ref.tenantId)}`, params };
    }
    case 'deployment':
      return { where: 'key = $1 AND deployment_id = $2', params: [ref.key, ref.deploymentId] };
    case 'versionTag': {
      const params: unknown[] = [ref.key, ref.versionTag];
      return { where: `key = $1 AND version_tag = $2${tenant(params, ref.tenantId)}`, params };
    }
  }
}
