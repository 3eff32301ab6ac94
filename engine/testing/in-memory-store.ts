import { DefinitionGraphCache } from '../core/definitions/graph-cache.js';
import type { DeployedDefinition, ProcessDefinitionRecord } from '../core/definitions/definition-record.js';
import { OptimisticLockError } from '../core/errors/index.js';
import { InMemoryDecisions } from './in-memory-decisions.js';
import type { HistoryRecord } from '../core/execution/history-records.js';
import type { InstanceChanges, InstanceSnapshot, OwnedChanges, OwnedRows } from '../core/execution/instance-aggregate.js';
import { byOwnedKind, OWNED_KINDS, type OwnedKind, type OwnedRecord } from '../core/execution/owned-kinds.js';
import type { ExternalTaskRecord, JobRecord, ProcessInstanceRecord, SubscriptionRecord } from '../core/execution/records.js';
import type { Clock } from '../core/ports/clock.js';
import type {
  DefinitionRef, DeploymentRecord, EngineStore, EngineTransaction, ExternalTaskLockRequest, ResourceRecord, SubscriptionQuery, UnitOfWorkChanges,
} from '../core/ports/engine-store.js';
import type { FormDefinitionRecord, FormDefinitionRef } from '../core/forms/form-definition.js';
import { typedValuesEqual } from '../core/variables/index.js';
import { CommitRace, type Racer } from './commit-race.js';
import { InMemoryBatches } from './in-memory-batches.js';
import { InMemoryForms } from './in-memory-forms.js';
import { apply, mergeHistory } from './in-memory-tables.js';

type Table<V> = Map<string, V>;

/** A table per kind of record an instance owns. */
type OwnedTables<K extends OwnedKind = OwnedKind> = { readonly [P in K]: Table<OwnedRecord[P]> };

/** The store's table of each owned kind (elements, variables, tasks, ...), set up from OWNED_KINDS. */
export interface InMemoryEngineStore extends OwnedTables {}

/**
 * The engine store in memory, for fast behaviour specs. Transactions run one at a time and
 * apply their changes only at commit; the revision guard behaves like the SQL one.
 */
export class InMemoryEngineStore implements EngineStore {
  readonly deployments: Table<DeploymentRecord> = new Map();
  readonly resources: Table<ResourceRecord> = new Map();
  readonly definitions: Table<ProcessDefinitionRecord> = new Map();
  readonly formDefinitions: Table<FormDefinitionRecord> = new Map();
  readonly decisions = new InMemoryDecisions();
  readonly instances: Table<{ record: ProcessInstanceRecord; revision: number }> = new Map();
  readonly batches = new InMemoryBatches(() => this.jobs.values());
  readonly history = {
    processInstance: new Map<string, unknown>(),
    activityInstance: new Map<string, unknown>(),
    variable: new Map<string, unknown>(),
    task: new Map<string, unknown>(),
    incident: new Map<string, unknown>(),
    decisionInstance: new Map<string, unknown>(),
  };
  private readonly graphs = new DefinitionGraphCache();
  private queue: Promise<unknown> = Promise.resolve();
  private race: CommitRace | null = null;
  /** commits refused by the revision guard (the loser of a race) */
  conflicts = 0;

  constructor(private readonly clock: Clock) {
    Object.assign(this, byOwnedKind<OwnedTables>(() => new Map()));
  }

  /** the next `count` transactions race each other instead of running one after another (see CommitRace) */
  raceNextTransactions(count: number): void {
    this.race = new CommitRace(count);
  }

  transaction<T>(work: (tx: EngineTransaction) => Promise<T>): Promise<T> {
    const race = this.race;
    const racer = race?.admit();
    if (race && racer) {
      const raced = this.queue.then(() => work(new InMemoryTransaction(this, this.graphs, racer))).finally(() => racer.ended());
      race.track(raced);
      // later transactions wait for the whole race, as they would for one transaction
      if (race.full) {
        this.race = null;
        this.queue = race.settled();
      }
      return raced;
    }
    const run = this.queue.then(() => work(new InMemoryTransaction(this, this.graphs)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async lockExternalTasks(request: ExternalTaskLockRequest): Promise<ExternalTaskRecord[]> {
    const now = request.now.getTime();
    const locked: ExternalTaskRecord[] = [];
    const candidates = [...this.externalTasks.values()]
      .filter((t) => (t.retries === null || t.retries > 0) && (t.lockExpiration === null || t.lockExpiration.getTime() <= now))
      .sort((a, b) => (request.usePriority ? b.priority - a.priority : 0) || a.created.getTime() - b.created.getTime());
    for (const task of candidates) {
      if (locked.length >= request.maxTasks) break;
      const topic = request.topics.find((t) =>
        t.topicName === task.topic &&
        (!t.processDefinitionIdIn || t.processDefinitionIdIn.includes(task.definitionId)) &&
        (!t.processDefinitionKeyIn || t.processDefinitionKeyIn.includes(task.definitionKey)) &&
        (t.businessKey === undefined || t.businessKey === task.businessKey));
      if (!topic) continue;
      const updated = { ...task, workerId: request.workerId, lockExpiration: new Date(now + topic.lockDurationMs) };
      this.externalTasks.set(task.id, updated);
      locked.push(updated);
    }
    return locked;
  }

  async claimJob(jobId: string, owner: string, lockMs: number, options: { ignoreDueDate?: boolean } = {}): Promise<JobRecord | null> {
    const job = this.jobs.get(jobId);
    const now = this.clock.now().getTime();
    if (!job || job.retries <= 0 || job.suspended) return null;
    if (!options.ignoreDueDate && job.dueAt.getTime() > now) return null;
    if (!options.ignoreDueDate && job.lockOwner && job.lockExpiration && job.lockExpiration.getTime() > now) return null;
    const claimed = { ...job, lockOwner: owner, lockExpiration: new Date(now + lockMs) };
    this.jobs.set(jobId, claimed);
    return claimed;
  }

  async renewJobLock(jobId: string, owner: string, lockMs: number): Promise<boolean> {
    const job = this.jobs.get(jobId);
    if (!job || job.lockOwner !== owner) return false;
    this.jobs.set(jobId, { ...job, lockExpiration: new Date(this.clock.now().getTime() + lockMs) });
    return true;
  }

  async claimDueJobs(owner: string, lockMs: number, limit: number): Promise<JobRecord[]> {
    const due = await this.findDispatchableJobs(0, limit);
    const claimed: JobRecord[] = [];
    for (const { id } of due) {
      const job = await this.claimJob(id, owner, lockMs);
      if (job) claimed.push(job);
    }
    return claimed;
  }

  async loadInstances(ids: readonly string[]): Promise<InstanceSnapshot[]> {
    return this.transaction(async (tx) => {
      const snapshots: InstanceSnapshot[] = [];
      for (const id of ids) {
        const snapshot = await tx.loadInstance(id);
        if (snapshot) snapshots.push(snapshot);
      }
      return snapshots;
    });
  }

  async msUntilNextDueJob(): Promise<number | null> {
    const now = this.clock.now().getTime();
    const waiting = [...this.jobs.values()].filter((j) => j.retries > 0 && !j.suspended && (!j.lockExpiration || j.lockExpiration.getTime() <= now));
    if (waiting.length === 0) return null;
    return Math.max(0, Math.min(...waiting.map((j) => j.dueAt.getTime())) - now);
  }

  async findDispatchableJobs(horizonMs: number, limit: number): Promise<{ id: string; dueAt: Date }[]> {
    const now = this.clock.now().getTime();
    return [...this.jobs.values()]
      .filter((j) => j.retries > 0 && !j.suspended && j.dueAt.getTime() <= now + horizonMs && (!j.lockExpiration || j.lockExpiration.getTime() <= now))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .slice(0, limit)
      .map((j) => ({ id: j.id, dueAt: j.dueAt }));
  }

  applyHistory(entries: readonly HistoryRecord[]): void {
    for (const entry of entries) {
      const table = this.history[entry.table];
      const previous = table.get(entry.row.id) as Record<string, unknown> | undefined;
      table.set(entry.row.id, mergeHistory(previous, entry.row as unknown as Record<string, unknown>));
    }
  }
}

class InMemoryTransaction implements EngineTransaction {
  private readonly forms: InMemoryForms;

  constructor(
    private readonly store: InMemoryEngineStore,
    private readonly graphs: DefinitionGraphCache,
    private readonly racer: Racer | null = null,
  ) {
    this.forms = new InMemoryForms(store.formDefinitions, store.resources);
  }

  latestFormVersions = (keys: readonly string[], tenantId: string | null) => this.forms.latestVersions(keys, tenantId);
  findFormDefinition = (ref: FormDefinitionRef) => this.forms.find(ref);
  findResource = (deploymentId: string, name: string) => this.forms.resource(deploymentId, name);
  formResources = (deploymentId: string) => this.forms.formResources(deploymentId);

  get batches() { return this.store.batches.reads; }

  async findDefinition(ref: DefinitionRef): Promise<DeployedDefinition | null> {
    const all = [...this.store.definitions.values()];
    const tenant = (d: ProcessDefinitionRecord) => ('tenantId' in ref && ref.tenantId !== undefined ? d.tenantId === ref.tenantId : true);
    let found: ProcessDefinitionRecord | undefined;
    switch (ref.by) {
      case 'id':
        found = this.store.definitions.get(ref.id);
        break;
      case 'latest':
        found = all.filter((d) => d.key === ref.key && tenant(d)).sort((a, b) => b.version - a.version)[0];
        break;
      case 'version':
        found = all.find((d) => d.key === ref.key && d.version === ref.version && tenant(d));
        break;
      case 'deployment':
        found = all.find((d) => d.key === ref.key && d.deploymentId === ref.deploymentId);
        break;
      case 'versionTag':
        found = all.filter((d) => d.key === ref.key && d.versionTag === ref.versionTag && tenant(d)).sort((a, b) => b.version - a.version)[0];
        break;
    }
    if (!found) return null;
    const record = found;
    return this.graphs.resolve(record, async () => {
      const resource = [...this.store.resources.values()].find((r) => r.deploymentId === record.deploymentId && r.name === record.resourceName);
      return resource?.content ?? '';
    });
  }

  async findLatestDeploymentByName(name: string, source: string | null, tenantId: string | null) {
    const deployment = [...this.store.deployments.values()]
      .filter((d) => d.name === name && d.source === source && d.tenantId === tenantId)
      .sort((a, b) => b.deploymentTime.getTime() - a.deploymentTime.getTime())[0];
    if (!deployment) return null;
    return {
      deployment,
      resources: [...this.store.resources.values()].filter((r) => r.deploymentId === deployment.id),
      definitions: [...this.store.definitions.values()].filter((d) => d.deploymentId === deployment.id),
    };
  }

  async findDeployment(id: string) {
    const deployment = this.store.deployments.get(id);
    if (!deployment) return null;
    return { deployment, definitions: [...this.store.definitions.values()].filter((d) => d.deploymentId === id) };
  }

  async runningInstanceIds(definitionIds: readonly string[]): Promise<string[]> {
    return [...this.store.instances.values()].filter((i) => definitionIds.includes(i.record.definitionId)).map((i) => i.record.id);
  }

  /** applied at once, as the SQL store deletes inside its transaction */
  async removeDeployment(deploymentId: string, definitionIds: readonly string[], options: { readonly history: boolean }): Promise<void> {
    if (options.history) {
      for (const table of Object.values(this.store.history)) {
        for (const [id, row] of table) {
          const of = row as { definitionId?: string; processDefinitionId?: string | null };
          if (definitionIds.includes(of.definitionId ?? of.processDefinitionId ?? '')) table.delete(id);
        }
      }
    }
    this.store.deployments.delete(deploymentId);
    this.store.decisions.removeDeployment(deploymentId);
    for (const table of [this.store.resources, this.store.definitions, this.store.formDefinitions] as Map<string, { deploymentId: string }>[]) {
      for (const [id, row] of table) if (row.deploymentId === deploymentId) table.delete(id);
    }
    this.graphs.forget(definitionIds);
  }

  async latestVersions(keys: readonly string[], tenantId: string | null): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const d of this.store.definitions.values()) {
      if (keys.includes(d.key) && d.tenantId === tenantId) out.set(d.key, Math.max(out.get(d.key) ?? 0, d.version));
    }
    return out;
  }

  async latestDecisionVersions(keys: readonly string[], tenantId: string | null): Promise<Map<string, number>> {
    return this.store.decisions.latestVersions('definitions', keys, tenantId);
  }

  async latestDecisionRequirementsVersions(keys: readonly string[], tenantId: string | null): Promise<Map<string, number>> {
    return this.store.decisions.latestVersions('requirements', keys, tenantId);
  }

  async findDecisionDefinition(ref: DefinitionRef) {
    return this.store.decisions.find(ref);
  }

  async decisionsOfRequirements(requirementsId: string) {
    return this.store.decisions.ofRequirements(requirementsId);
  }

  async latestDefinitionIds(keys: readonly string[], tenantId: string | null): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const key of keys) {
      const latest = await this.findDefinition({ by: 'latest', key, tenantId });
      if (latest) out.set(key, latest.record.id);
    }
    return out;
  }

  async definitionLevelJobs(definitionIds: readonly string[]): Promise<JobRecord[]> {
    return [...this.store.jobs.values()].filter((j) => j.processInstanceId === null && definitionIds.includes(j.definitionId));
  }

  async definitionLevelSubscriptions(definitionIds: readonly string[]): Promise<SubscriptionRecord[]> {
    return [...this.store.subscriptions.values()].filter((s) => s.processInstanceId === null && definitionIds.includes(s.definitionId));
  }

  async loadInstance(id: string): Promise<InstanceSnapshot | null> {
    const entry = this.store.instances.get(id);
    if (!entry) return null;
    const tables: OwnedTables = this.store;
    const owned = <K extends OwnedKind>(kind: K): OwnedRows<K>[K] => [...tables[kind].values()].filter((v) => v.processInstanceId === id);
    return { instance: entry.record, revision: entry.revision, ...byOwnedKind<OwnedRows>(owned) };
  }

  async loadInstanceOfTask(taskId: string): Promise<InstanceSnapshot | null> {
    const instanceId = await this.instanceIdOfTask(taskId);
    return instanceId ? this.loadInstance(instanceId) : null;
  }

  async instanceIdOfTask(taskId: string): Promise<string | null> {
    return this.store.tasks.get(taskId)?.processInstanceId ?? null;
  }

  async findExternalTask(id: string): Promise<ExternalTaskRecord | null> {
    return this.store.externalTasks.get(id) ?? null;
  }

  async findJob(id: string): Promise<JobRecord | null> {
    return this.store.jobs.get(id) ?? null;
  }

  async findSubscriptions(query: SubscriptionQuery): Promise<SubscriptionRecord[]> {
    return [...this.store.subscriptions.values()].filter((s) => {
      if (s.type !== query.type || s.eventName !== query.eventName) return false;
      if (query.definitionLevel === true && s.processInstanceId !== null) return false;
      if (query.definitionLevel === false && s.processInstanceId === null) return false;
      if (query.processInstanceId !== undefined && s.processInstanceId !== query.processInstanceId) return false;
      const instance = s.processInstanceId ? this.store.instances.get(s.processInstanceId)?.record : undefined;
      if (query.businessKey !== undefined && instance?.businessKey !== query.businessKey) return false;
      if (query.correlationKeys && !this.matches(s.processInstanceId, query.correlationKeys)) return false;
      if (query.localCorrelationKeys && !this.matches(s.elementInstanceId, query.localCorrelationKeys)) return false;
      return true;
    });
  }

  private matches(scopeId: string | null, keys: ReadonlyMap<string, import('../core/variables/index.js').TypedValue>): boolean {
    if (!scopeId) return false;
    for (const [name, value] of keys) {
      const variable = [...this.store.variables.values()].find((v) => v.scopeId === scopeId && v.name === name);
      if (!variable || !typedValuesEqual(variable.value, value)) return false;
    }
    return true;
  }

  async commit(changes: UnitOfWorkChanges): Promise<void> {
    await this.racer?.atCommit();
    for (const instance of changes.instances) {
      if (instance.expectedRevision === null) continue;
      const current = this.store.instances.get(instance.instanceId);
      if (!current || current.revision !== instance.expectedRevision) {
        this.store.conflicts++;
        throw new OptimisticLockError('process instance', instance.instanceId);
      }
    }
    this.store.batches.check(changes.batches);
    for (const deployment of changes.deployments) {
      this.store.deployments.set(deployment.deployment.id, deployment.deployment);
      for (const r of deployment.resources) this.store.resources.set(r.id, r);
      for (const d of deployment.definitions) this.store.definitions.set(d.id, d);
      for (const f of deployment.forms) this.store.formDefinitions.set(f.id, f);
      this.store.decisions.add(deployment.decisionDefinitions, deployment.decisionRequirementsDefinitions);
    }
    for (const instance of changes.instances) this.applyInstance(instance);
    apply(this.store.jobs, changes.definitionJobs);
    apply(this.store.subscriptions, changes.definitionSubscriptions);
    this.store.applyHistory(changes.history);
    this.store.batches.apply(changes.batches);
  }

  private applyInstance(changes: InstanceChanges): void {
    const previous = this.store.instances.get(changes.instanceId);
    this.store.instances.set(changes.instanceId, { record: changes.instance, revision: (previous?.revision ?? 0) + 1 });
    const tables: OwnedTables = this.store;
    const owned: OwnedChanges = changes;
    const applyOwned = <K extends OwnedKind>(kind: K) => apply(tables[kind], owned[kind]);
    for (const kind of OWNED_KINDS) applyOwned(kind);
    if (changes.ended) this.store.instances.delete(changes.instanceId);
  }
}
