import type { FieldChanges } from './crm-tx.js';

/** the fields of `patch` whose value differs from `before`, as [before, after] */
export function fieldChanges(before: object, patch: object): FieldChanges {
  const changes: FieldChanges = {};
  const old = before as Record<string, unknown>;
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!sameValue(old[field], value)) changes[field] = [plain(old[field]), plain(value)];
  }
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}
