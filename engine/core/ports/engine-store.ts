import type { DeployedDefinition, ProcessDefinitionRecord } from '../definitions/definition-record.js';
import type { DecisionDefinitionRecord, DecisionRequirementsDefinitionRecord } from '../dmn/decision-records.js';
import type { FormDefinitionRecord, FormDefinitionRef } from '../forms/form-definition.js';
import type { HistoryRecord } from '../execution/history-records.js';
import type { ProcessGraph } from '../model/graph.js';
import type { InstanceChanges, InstanceSnapshot } from '../execution/instance-aggregate.js';
import type { ExternalTaskRecord, JobRecord, SubscriptionRecord, SubscriptionType } from '../execution/records.js';
import type { TrackedChanges } from '../execution/tracked-map.js';
import type { TypedValue } from '../variables/index.js';
import type { BatchChanges, BatchReads } from './batch-store.js';

export interface DeploymentRecord {
  readonly id: string;
  readonly name: string | null;
  readonly source: string | null;
  readonly tenantId: string | null;
  readonly deploymentTime: Date;
}

export interface ResourceRecord {
  readonly id: string;
  readonly deploymentId: string;
  readonly name: string;
  readonly content: string;
  readonly hash: string;
}

export interface NewDeployment {
  readonly deployment: DeploymentRecord;
  readonly resources: readonly ResourceRecord[];
  readonly definitions: readonly ProcessDefinitionRecord[];
  /** the form-js schemas (`.form` resources) of the deployment, each a new version of its key */
  readonly forms: readonly FormDefinitionRecord[];
  /** the decisions of the deployment's DMN resources, each a new version of its key */
  readonly decisionDefinitions: readonly DecisionDefinitionRecord[];
  /** one per DMN resource: its `definitions` */
  readonly decisionRequirementsDefinitions: readonly DecisionRequirementsDefinitionRecord[];
  /** the parsed graphs by definition id, so stores need not parse them again */
  readonly graphs: ReadonlyMap<string, ProcessGraph>;
}

export type DefinitionRef =
  | { readonly by: 'id'; readonly id: string }
  | { readonly by: 'latest'; readonly key: string; readonly tenantId?: string | null }
  | { readonly by: 'version'; readonly key: string; readonly version: number; readonly tenantId?: string | null }
  | { readonly by: 'deployment'; readonly key: string; readonly deploymentId: string }
  | { readonly by: 'versionTag'; readonly key: string; readonly versionTag: string; readonly tenantId?: string | null };

export interface SubscriptionQuery {
  readonly type: SubscriptionType;
  readonly eventName: string;
  /** true: only definition-level (start event) subscriptions; false: only instance-level ones */
  readonly definitionLevel?: boolean;
  readonly processInstanceId?: string;
  readonly businessKey?: string;
  readonly processDefinitionId?: string;
  /** process variables of the instance that must equal these values */
  readonly correlationKeys?: ReadonlyMap<string, TypedValue>;
  /** variables local to the waiting element instance that must equal these values */
  readonly localCorrelationKeys?: ReadonlyMap<string, TypedValue>;
  readonly tenantId?: string | null;
  readonly limit?: number;
}

export interface ExternalTaskLockRequest {
  readonly workerId: string;
  readonly maxTasks: number;
  readonly usePriority: boolean;
  readonly now: Date;
  readonly topics: readonly {
    readonly topicName: string;
    readonly lockDurationMs: number;
    readonly processDefinitionIdIn?: readonly string[];
    readonly processDefinitionKeyIn?: readonly string[];
    readonly businessKey?: string;
    readonly tenantIdIn?: readonly string[];
    readonly withoutTenantId?: boolean;
  }[];
}

/**
 * A record of the application's that must commit with a command's changes or not at all (the audit
 * row of the call that asked for the command, say). The engine carries it to the store without
 * reading it; the store's adapter knows how to write each kind.
 */
export interface CommitCompanion {
  readonly kind: string;
  readonly record: unknown;
}

export interface UnitOfWorkChanges {
  readonly deployments: readonly NewDeployment[];
  readonly instances: readonly InstanceChanges[];
  /** definition-level jobs (timer start events) */
  readonly definitionJobs: TrackedChanges<JobRecord>;
  /** definition-level subscriptions (message and signal start events) */
  readonly definitionSubscriptions: TrackedChanges<SubscriptionRecord>;
  readonly history: readonly HistoryRecord[];
  /**
   * ids of what existed before the command: its loaded instances and their records. A history
   * row of such an id was written by an earlier command (stores update it rather than insert it).
   */
  readonly existingIds: ReadonlySet<string>;
  readonly batches: BatchChanges;
  /** the units merged into this one when several commands commit together (joint-changes.ts) */
  readonly members?: readonly UnitOfWorkChanges[];
  /** the application's records that commit with these changes (none when omitted) */
  readonly companions?: readonly CommitCompanion[];
}

/** One database transaction. Everything a command reads and writes goes through it. */
export interface EngineTransaction {
  findDefinition(ref: DefinitionRef): Promise<DeployedDefinition | null>;
  findLatestDeploymentByName(name: string, source: string | null, tenantId: string | null): Promise<{ deployment: DeploymentRecord; resources: ResourceRecord[]; definitions: ProcessDefinitionRecord[] } | null>;
  /** highest deployed version per key (0 if none) */
  latestVersions(keys: readonly string[], tenantId: string | null): Promise<Map<string, number>>;
  /** the latest definitions of the keys, for replacing their start-event jobs and subscriptions */
  latestDefinitionIds(keys: readonly string[], tenantId: string | null): Promise<Map<string, string>>;
  /** highest deployed form version per key (0 if none) */
  latestFormVersions(keys: readonly string[], tenantId: string | null): Promise<Map<string, number>>;
  /** highest deployed decision (and decision requirements) version per key (0 if none) */
  latestDecisionVersions(keys: readonly string[], tenantId: string | null): Promise<Map<string, number>>;
  latestDecisionRequirementsVersions(keys: readonly string[], tenantId: string | null): Promise<Map<string, number>>;
  /** a decision definition by id, or the latest, a version, a version tag or the one of a deployment of a key */
  findDecisionDefinition(ref: DefinitionRef): Promise<DecisionDefinitionRecord | null>;
  /** the decisions deployed with it (from the same DMN resource), for the decisions it requires */
  decisionsOfRequirements(decisionRequirementsDefinitionId: string): Promise<DecisionDefinitionRecord[]>;
  findFormDefinition(ref: FormDefinitionRef): Promise<FormDefinitionRecord | null>;
  findResource(deploymentId: string, name: string): Promise<ResourceRecord | null>;
  /** the `.form` resources of a deployment */
  formResources(deploymentId: string): Promise<ResourceRecord[]>;
  /** a deployment and the process definitions it holds; null when there is none */
  findDeployment(id: string): Promise<{ deployment: DeploymentRecord; definitions: ProcessDefinitionRecord[] } | null>;
  /** the running process instances of these definitions */
  runningInstanceIds(definitionIds: readonly string[]): Promise<string[]>;
  /**
   * Removes a deployment at once (not at commit): its resources, process and form definitions, and,
   * with `history`, the history of the definitions' instances. The caller made sure none runs.
   */
  removeDeployment(deploymentId: string, definitionIds: readonly string[], options: { readonly history: boolean }): Promise<void>;
  definitionLevelJobs(definitionIds: readonly string[]): Promise<JobRecord[]>;
  definitionLevelSubscriptions(definitionIds: readonly string[]): Promise<SubscriptionRecord[]>;

  loadInstance(id: string): Promise<InstanceSnapshot | null>;
  instanceIdOfTask(taskId: string): Promise<string | null>;
  /** the instance that owns the task, in one read; null if there is no such task */
  loadInstanceOfTask(taskId: string): Promise<InstanceSnapshot | null>;
  findExternalTask(id: string): Promise<ExternalTaskRecord | null>;
  findJob(id: string): Promise<JobRecord | null>;
  findSubscriptions(query: SubscriptionQuery): Promise<SubscriptionRecord[]>;
  /** batch rows, read in this transaction */
  readonly batches: BatchReads;

  commit(changes: UnitOfWorkChanges): Promise<void>;
}

export interface TransactionOptions {
  /**
   * The transaction may take instances from what this node wrote last instead of reading them. A
   * store that does so must prove each one current by the revision guard of the write, and fail
   * the transaction with an OptimisticLockError when it cannot (the command then ran on a guess:
   * it is run again, without this option, on fresh reads).
   */
  readonly recentInstances?: boolean;
}

export interface EngineStore {
  /** Runs `work` in one transaction; rolls back if it throws. */
  transaction<T>(work: (tx: EngineTransaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** fetchAndLock: lock up to maxTasks unlocked tasks of the topics; skips rows other transactions hold. */
  lockExternalTasks(request: ExternalTaskLockRequest): Promise<ExternalTaskRecord[]>;
  /** Claims a due, unlocked job for `owner` until `lockUntil`; null if it is gone, locked, not due or has no retries. */
  claimJob(jobId: string, owner: string, lockMs: number, options?: { ignoreDueDate?: boolean }): Promise<JobRecord | null>;
  /** Extends the lock `owner` holds on a running job by `lockMs` from now; false if the job is gone or no longer its. */
  renewJobLock(jobId: string, owner: string, lockMs: number): Promise<boolean>;
  /**
   * Claims up to `limit` due, unlocked jobs for `owner` (earliest due first) in one statement;
   * rows another transaction is claiming are skipped, so several pollers never wait on each other.
   */
  claimDueJobs(owner: string, lockMs: number, limit: number): Promise<JobRecord[]>;
  /** instances with every owned row, read in one statement outside any command (the poller's batch); missing ones are left out */
  loadInstances(ids: readonly string[]): Promise<InstanceSnapshot[]>;
  /** milliseconds (database time) until the earliest unlocked job falls due, 0 if one is due; null if none waits */
  msUntilNextDueJob(): Promise<number | null>;
  /** Due (or soon due) jobs that are not locked: for the reconciler. */
  findDispatchableJobs(horizonMs: number, limit: number): Promise<{ id: string; dueAt: Date }[]>;
}
