import { BatchChangeSet } from '../batches/batch-change-set.js';
import type { CommitCompanion, NewDeployment, UnitOfWorkChanges } from '../ports/engine-store.js';
import type { DispatchableJob } from '../ports/job-dispatcher.js';
import { DEFAULT_HISTORY_LEVEL, writesHistoryOf, type HistoryLevel } from './history-level.js';
import type { HistoryRecord } from './history-records.js';
import type { InstanceAggregate } from './instance-aggregate.js';
import type { JobRecord, SubscriptionRecord } from './records.js';
import { TrackedMap } from './tracked-map.js';

/**
 * What one command changes, across every instance it touched (a call activity touches two),
 * committed together in one transaction.
 */
export class UnitOfWork {
  readonly instances = new Map<string, InstanceAggregate>();
  readonly history: HistoryRecord[] = [];
  readonly deployments: NewDeployment[] = [];
  definitionJobs = new TrackedMap<JobRecord>();
  definitionSubscriptions = new TrackedMap<SubscriptionRecord>();
  /** ids of instances that got new external tasks: long-polling workers are woken after commit */
  readonly newExternalTaskTopics = new Set<string>();
  /** batches created, progressed, suspended or removed by this unit */
  readonly batches = new BatchChangeSet();
  /** the application's records that commit with this unit (CommitCompanion) */
  readonly companions: CommitCompanion[] = [];

  constructor(private readonly historyLevel: HistoryLevel = DEFAULT_HISTORY_LEVEL) {}

  track(aggregate: InstanceAggregate): InstanceAggregate {
    this.instances.set(aggregate.id, aggregate);
    return aggregate;
  }

  loadDefinitionLevel(jobs: readonly JobRecord[], subscriptions: readonly SubscriptionRecord[]): void {
    for (const job of jobs) if (!this.definitionJobs.has(job.id)) this.definitionJobs = merge(this.definitionJobs, job);
    for (const sub of subscriptions) if (!this.definitionSubscriptions.has(sub.id)) this.definitionSubscriptions = merge(this.definitionSubscriptions, sub);
  }

  /** keeps a history row if the engine's history level writes its table */
  record(entry: HistoryRecord): void {
    if (writesHistoryOf(this.historyLevel, entry.table)) this.history.push(entry);
  }

  changes(): UnitOfWorkChanges {
    return {
      deployments: this.deployments,
      instances: [...this.instances.values()].filter((a) => a.hasChanges()).map((a) => a.changes()),
      definitionJobs: this.definitionJobs.changes(),
      definitionSubscriptions: this.definitionSubscriptions.changes(),
      history: this.history,
      existingIds: this.existingIds(),
      batches: this.batches.changes(),
      ...(this.companions.length > 0 ? { companions: this.companions } : {}),
    };
  }

  /** ids of the loaded instances and of the records loaded with them, changed or not */
  private existingIds(): Set<string> {
    const ids = new Set<string>();
    for (const aggregate of this.instances.values()) {
      if (aggregate.isNew) continue;
      ids.add(aggregate.id);
      for (const map of [aggregate.elements, aggregate.tasks, aggregate.variables, aggregate.incidents]) for (const id of map.loadedIds()) ids.add(id);
    }
    return ids;
  }

  /** jobs created or re-scheduled by this unit, to hand to the dispatcher after commit */
  jobsToDispatch(): DispatchableJob[] {
    const out: DispatchableJob[] = [];
    const collect = (jobs: TrackedMap<JobRecord>) => {
      const changes = jobs.changes();
      for (const job of changes.inserted) if (!job.suspended) out.push({ id: job.id, dueAt: job.dueAt });
      for (const update of changes.updated) {
        if ('dueAt' in update.patch || 'retries' in update.patch || 'lockOwner' in update.patch || 'suspended' in update.patch) {
          if (update.value.retries > 0 && !update.value.suspended) out.push({ id: update.id, dueAt: update.value.dueAt });
        }
      }
    };
    for (const aggregate of this.instances.values()) collect(aggregate.jobs);
    collect(this.definitionJobs);
    return out;
  }
}

/** adds a loaded (unchanged) record to a tracked map by rebuilding it with the record as loaded */
function merge<V extends { readonly id: string }>(map: TrackedMap<V>, loaded: V): TrackedMap<V> {
  if (map.hasChanges()) throw new Error('Expected definition-level records to be loaded before any change');
  return new TrackedMap([...map.all(), loaded]);
}
