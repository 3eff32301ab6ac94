import type {
  ElementInstanceRecord,
  ExternalTaskRecord,
  IncidentRecord,
  JobRecord,
  ProcessInstanceRecord,
  SubscriptionRecord,
  TaskRecord,
  VariableRecord,
} from './records.js';
import { TrackedMap, type TrackedChanges } from './tracked-map.js';

/** Everything a process instance owns at run time, as loaded from the store. */
export interface InstanceSnapshot {
  readonly instance: ProcessInstanceRecord;
  /** the optimistic-lock revision the snapshot was read at */
  readonly revision: number;
  readonly elements: readonly ElementInstanceRecord[];
  readonly variables: readonly VariableRecord[];
  readonly tasks: readonly TaskRecord[];
  readonly externalTasks: readonly ExternalTaskRecord[];
  readonly jobs: readonly JobRecord[];
  readonly subscriptions: readonly SubscriptionRecord[];
  readonly incidents: readonly IncidentRecord[];
}

export interface InstanceChanges {
  readonly instanceId: string;
  /** null for a new instance (insert); otherwise the revision to guard the update with */
  readonly expectedRevision: number | null;
  readonly instance: ProcessInstanceRecord;
  /** the instance ended: its runtime rows are removed */
  readonly ended: boolean;
  readonly elements: TrackedChanges<ElementInstanceRecord>;
  readonly variables: TrackedChanges<VariableRecord>;
  readonly tasks: TrackedChanges<TaskRecord>;
  readonly externalTasks: TrackedChanges<ExternalTaskRecord>;
  readonly jobs: TrackedChanges<JobRecord>;
  readonly subscriptions: TrackedChanges<SubscriptionRecord>;
  readonly incidents: TrackedChanges<IncidentRecord>;
}

/** A process instance being changed by one command, tracking its changes for the commit. */
export class InstanceAggregate {
  instance: ProcessInstanceRecord;
  readonly elements: TrackedMap<ElementInstanceRecord>;
  readonly variables: TrackedMap<VariableRecord>;
  readonly tasks: TrackedMap<TaskRecord>;
  readonly externalTasks: TrackedMap<ExternalTaskRecord>;
  readonly jobs: TrackedMap<JobRecord>;
  readonly subscriptions: TrackedMap<SubscriptionRecord>;
  readonly incidents: TrackedMap<IncidentRecord>;
  private instanceChanged = false;

  private constructor(
    snapshot: Omit<InstanceSnapshot, 'revision'>,
    readonly revision: number | null,
  ) {
    this.instance = snapshot.instance;
    this.elements = new TrackedMap(snapshot.elements);
    this.variables = new TrackedMap(snapshot.variables);
    this.tasks = new TrackedMap(snapshot.tasks);
    this.externalTasks = new TrackedMap(snapshot.externalTasks);
    this.jobs = new TrackedMap(snapshot.jobs);
    this.subscriptions = new TrackedMap(snapshot.subscriptions);
    this.incidents = new TrackedMap(snapshot.incidents);
  }

  static load(snapshot: InstanceSnapshot): InstanceAggregate {
    return new InstanceAggregate(snapshot, snapshot.revision);
  }

  static create(instance: ProcessInstanceRecord): InstanceAggregate {
    const aggregate = new InstanceAggregate(
      { instance, elements: [], variables: [], tasks: [], externalTasks: [], jobs: [], subscriptions: [], incidents: [] },
      null,
    );
    aggregate.instanceChanged = true;
    return aggregate;
  }

  get id(): string {
    return this.instance.id;
  }

  get isNew(): boolean {
    return this.revision === null;
  }

  get hasEnded(): boolean {
    return this.instance.state !== 'ACTIVE' && this.instance.state !== 'SUSPENDED';
  }

  updateInstance(patch: Partial<ProcessInstanceRecord>): void {
    this.instance = { ...this.instance, ...patch };
    this.instanceChanged = true;
  }

  hasChanges(): boolean {
    return (
      this.instanceChanged ||
      this.elements.hasChanges() ||
      this.variables.hasChanges() ||
      this.tasks.hasChanges() ||
      this.externalTasks.hasChanges() ||
      this.jobs.hasChanges() ||
      this.subscriptions.hasChanges() ||
      this.incidents.hasChanges()
    );
  }

  changes(): InstanceChanges {
    return {
      instanceId: this.instance.id,
      expectedRevision: this.revision,
      instance: this.instance,
      ended: this.hasEnded,
      elements: this.elements.changes(),
      variables: this.variables.changes(),
      tasks: this.tasks.changes(),
      externalTasks: this.externalTasks.changes(),
      jobs: this.jobs.changes(),
      subscriptions: this.subscriptions.changes(),
      incidents: this.incidents.changes(),
    };
  }

  /** the element instances whose parent is the given scope instance */
  childrenOf(scopeInstanceId: string): ElementInstanceRecord[] {
    return this.elements.filter((e) => e.parentId === scopeInstanceId);
  }
}
