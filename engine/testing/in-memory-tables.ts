import type { TrackedChanges } from '../core/execution/tracked-map.js';

/** keeps fields that a later snapshot does not know (a task id recorded while the activity ran) */
export function mergeHistory(previous: Record<string, unknown> | undefined, next: Record<string, unknown>): Record<string, unknown> {
  if (!previous) return next;
  const merged = { ...next };
  for (const key of ['taskId', 'assignee', 'calledProcessInstanceId', 'startActivityId']) if (merged[key] == null && previous[key] != null) merged[key] = previous[key];
  return merged;
}

/** applies a unit of work's tracked changes to one table */
export function apply<V extends { id: string }>(table: Map<string, V>, changes: TrackedChanges<V>): void {
  for (const value of changes.inserted) table.set(value.id, value);
  for (const update of changes.updated) {
    const current = table.get(update.id);
    if (current) table.set(update.id, { ...current, ...update.patch });
  }
  for (const id of changes.deleted) table.delete(id);
}
