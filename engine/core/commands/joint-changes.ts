import type { TrackedChanges } from '../execution/tracked-map.js';
import type { UnitOfWorkChanges } from '../ports/engine-store.js';
import { NO_BATCH_CHANGES } from '../ports/batch-store.js';

/** the unit touches nothing beyond its instances (and definition-level rows): it may commit with others */
export function canCommitJointly(changes: UnitOfWorkChanges): boolean {
  const batches = changes.batches;
  return changes.deployments.length === 0 && batches.created.length + batches.updated.length + batches.removed.length + batches.outcomes.length === 0;
}

/**
 * The changes of several units of work as one, for one commit: each instance keeps its own
 * revision guard, so the joint commit fails as a whole if any of them lost a race. The units
 * must touch distinct instances.
 */
export function jointChanges(units: readonly UnitOfWorkChanges[]): UnitOfWorkChanges {
  const existingIds = new Set<string>();
  for (const unit of units) for (const id of unit.existingIds) existingIds.add(id);
  return {
    deployments: [],
    instances: units.flatMap((u) => u.instances),
    definitionJobs: jointTracked(units.map((u) => u.definitionJobs)),
    definitionSubscriptions: jointTracked(units.map((u) => u.definitionSubscriptions)),
    history: units.flatMap((u) => u.history),
    existingIds,
    batches: NO_BATCH_CHANGES,
    members: units,
    companions: units.flatMap((u) => u.companions ?? []),
  };
}

function jointTracked<V>(all: readonly TrackedChanges<V>[]): TrackedChanges<V> {
  return {
    inserted: all.flatMap((t) => t.inserted),
    updated: all.flatMap((t) => t.updated),
    deleted: all.flatMap((t) => t.deleted),
  };
}
