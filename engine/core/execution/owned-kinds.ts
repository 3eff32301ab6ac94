import type {
  ElementInstanceRecord, ExternalTaskRecord, IncidentRecord, JobRecord, SubscriptionRecord, TaskRecord, VariableRecord,
} from './records.js';

/** A kind of record, told apart by its type alone (the value carries no data). */
const kind = <R extends { readonly id: string }>(): { readonly record?: R } => ({});

/**
 * The kinds of record a process instance owns at run time, in the order they are loaded,
 * committed and removed. The aggregate, its snapshot and changes, and every store derive from this.
 */
const OWNED_RECORD_KINDS = {
  elements: kind<ElementInstanceRecord>(),
  variables: kind<VariableRecord>(),
  tasks: kind<TaskRecord>(),
  externalTasks: kind<ExternalTaskRecord>(),
  jobs: kind<JobRecord>(),
  subscriptions: kind<SubscriptionRecord>(),
  incidents: kind<IncidentRecord>(),
};

export type OwnedKind = keyof typeof OWNED_RECORD_KINDS;

/** The record type of each owned kind. */
export type OwnedRecord = { [K in OwnedKind]: NonNullable<(typeof OWNED_RECORD_KINDS)[K]['record']> };

export const OWNED_KINDS = Object.keys(OWNED_RECORD_KINDS) as readonly OwnedKind[];

/**
 * An object with one entry per owned kind, each made by `make`. Type `make` per kind
 * (`<K extends OwnedKind>(kind: K): Shape<K>[K] => ...`) so each entry is checked against its kind.
 */
export function byOwnedKind<T extends { readonly [K in OwnedKind]: unknown }>(make: (kind: OwnedKind) => T[OwnedKind]): T {
  return Object.fromEntries(OWNED_KINDS.map((owned) => [owned, make(owned)])) as T;
}
