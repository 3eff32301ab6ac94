import { byOwnedKind, OWNED_KINDS, type OwnedKind, type OwnedRecord } from './owned-kinds.js';
import type { ElementInstanceRecord, ProcessInstanceRecord } from './records.js';
import { TrackedMap, type TrackedChanges } from './tracked-map.js';

/** The records of each owned kind, as loaded from the store. */
export type OwnedRows<K extends OwnedKind = OwnedKind> = { readonly [P in K]: readonly OwnedRecord[P][] };

/** What a command changed in each owned kind. */
export type OwnedChanges<K extends OwnedKind = OwnedKind> = { readonly [P in K]: TrackedChanges<OwnedRecord[P]> };

/** The records of each owned kind, tracking their changes. */
type OwnedMaps<K extends OwnedKind = OwnedKind> = { readonly [P in K]: TrackedMap<OwnedRecord[P]> };

/** Everything a process instance owns at run time, as loaded from the store. */
export interface InstanceSnapshot extends OwnedRows {
  readonly instance: ProcessInstanceRecord;
  /** the optimistic-lock revision the snapshot was read at */
  readonly revision: number;
}

export interface InstanceChanges extends OwnedChanges {
  readonly instanceId: string;
  /** null for a new instance (insert); otherwise the revision to guard the update with */
  readonly expectedRevision: number | null;
  readonly instance: ProcessInstanceRecord;
  /** the instance ended: its runtime rows are removed */
  readonly ended: boolean;
  /** the element instances as loaded (none for a new instance) and as they are now: what changed, whole, for counts kept per element */
  readonly elementsBefore: readonly ElementInstanceRecord[];
  readonly elementsAfter: readonly ElementInstanceRecord[];
}

/** The aggregate's tracked records per owned kind (elements, variables, tasks, ...), set up from OWNED_KINDS. */
export interface InstanceAggregate extends OwnedMaps {}

/** A process instance being changed by one command, tracking its changes for the commit. */
export class InstanceAggregate {
  instance: ProcessInstanceRecord;
  private instanceChanged = false;

  private constructor(
    instance: ProcessInstanceRecord,
    rows: OwnedRows,
    readonly revision: number | null,
  ) {
    this.instance = instance;
    Object.assign(this, byOwnedKind<OwnedMaps>(<K extends OwnedKind>(kind: K): OwnedMaps<K>[K] => new TrackedMap<OwnedRecord[K]>(rows[kind])));
  }

  static load(snapshot: InstanceSnapshot): InstanceAggregate {
    return new InstanceAggregate(snapshot.instance, snapshot, snapshot.revision);
  }

  static create(instance: ProcessInstanceRecord): InstanceAggregate {
    const aggregate = new InstanceAggregate(instance, byOwnedKind<OwnedRows>(() => []), null);
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
    return this.instanceChanged || OWNED_KINDS.some((kind) => this[kind].hasChanges());
  }

  changes(): InstanceChanges {
    const owned: OwnedMaps = this;
    return {
      instanceId: this.instance.id,
      expectedRevision: this.revision,
      instance: this.instance,
      ended: this.hasEnded,
      elementsBefore: this.elements.loadedValues(),
      elementsAfter: this.elements.all(),
      ...byOwnedKind<OwnedChanges>(<K extends OwnedKind>(kind: K): OwnedChanges<K>[K] => owned[kind].changes()),
    };
  }

  /** the element instances whose parent is the given scope instance */
  childrenOf(scopeInstanceId: string): ElementInstanceRecord[] {
    return this.elements.filter((e) => e.parentId === scopeInstanceId);
  }
}
