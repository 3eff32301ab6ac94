import type { InstanceChanges, InstanceSnapshot, OwnedRows } from '../../core/execution/instance-aggregate.js';
import { byOwnedKind, type OwnedKind, type OwnedRecord } from '../../core/execution/owned-kinds.js';
import type { TrackedChanges } from '../../core/execution/tracked-map.js';
import { ownedTables, processInstanceTable } from './tables/runtime-tables.js';
import { dbValue, readRow, type Table } from './tables/table.js';

export interface RecentInstancesSettings {
  /** how many instances a node keeps (0: none, every command reads its instance) */
  readonly capacity: number;
  /** how long an entry is used after its write */
  readonly ttlMs: number;
}

export const DEFAULT_RECENT_INSTANCES: RecentInstancesSettings = { capacity: 1000, ttlMs: 10_000 };

/** an instance as its rows: plain values and JSON text, so that every use reads fresh records from it, as from the database */
export interface StoredInstance {
  readonly revision: number;
  readonly instance: Readonly<Record<string, unknown>>;
  readonly owned: { readonly [K in OwnedKind]: readonly Readonly<Record<string, unknown>>[] };
}

/**
 * The instances this node wrote last, as its writes left them, so that the next command on one
 * (a task completed right after its instance started) need not read it again. An entry is only a
 * guess: the command that uses one must change the instance, so that its write's revision guard
 * proves the entry was current (sql-engine-transaction.ts); otherwise it runs again on fresh reads.
 * Instances with jobs or external tasks are never kept: their locks change outside commands,
 * without a new revision.
 */
export class RecentInstances {
  private readonly entries = new Map<string, { readonly stored: StoredInstance; readonly at: number }>();
  private readonly ownerOfTask = new Map<string, string>();
  private proven = 0;
  private stale = 0;

  constructor(private readonly settings: RecentInstancesSettings, private readonly now: () => number = Date.now) {}

  get(id: string): InstanceSnapshot | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (this.now() - entry.at > this.settings.ttlMs) {
      this.forget(id);
      return null;
    }
    return readStored(entry.stored);
  }

  ofTask(taskId: string): InstanceSnapshot | null {
    const id = this.ownerOfTask.get(taskId);
    return id === undefined ? null : this.get(id);
  }

  remember(id: string, stored: StoredInstance): void {
    this.forget(id);
    if (this.settings.capacity <= 0 || stored.owned.jobs.length > 0 || stored.owned.externalTasks.length > 0) return;
    const now = this.now();
    this.entries.set(id, { stored, at: now });
    for (const task of stored.owned.tasks) this.ownerOfTask.set(String(task['id']), id);
    // entries are in the order of their writes: the oldest go first, when too many or too old
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.settings.capacity && now - entry.at <= this.settings.ttlMs) break;
      this.forget(oldest);
    }
  }

  /**
   * Whether the instance as these changes leave it would be kept at all, asked before its rows are
   * built: no rows for an ended instance, one with jobs or external tasks, or a node that keeps none.
   */
  keeps(before: InstanceSnapshot | null, changes: InstanceChanges): boolean {
    return this.settings.capacity > 0 && !changes.ended && !holdsAfter(before, changes, 'jobs') && !holdsAfter(before, changes, 'externalTasks');
  }

  forget(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    for (const task of entry.stored.owned.tasks) {
      const taskId = String(task['id']);
      if (this.ownerOfTask.get(taskId) === id) this.ownerOfTask.delete(taskId);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** instances taken instead of read whose command then committed (the guess held) */
  countProven(instances: number): void {
    this.proven += instances;
  }

  /** instances taken instead of read whose command failed and ran again on what is stored */
  countStale(instances: number): void {
    this.stale += instances;
  }

  /** for /metrics: how many are kept, and how the guesses went since the node started */
  stats(): { readonly entries: number; readonly proven: number; readonly stale: number } {
    return { entries: this.entries.size, proven: this.proven, stale: this.stale };
  }
}

/**
 * The instance as a committed write left it: `before` (null for a new instance) with the changes
 * applied, at the revision the write set. Null when the instance ended.
 */
export function storedAfter(before: InstanceSnapshot | null, changes: InstanceChanges): StoredInstance | null {
  if (changes.ended) return null;
  const owned = <K extends OwnedKind>(kind: K): readonly Record<string, unknown>[] => {
    const tracked = changes[kind] as TrackedChanges<OwnedRecord[K]>;
    const loaded = (before?.[kind] ?? []) as readonly OwnedRecord[K][];
    const records = new Map<string, OwnedRecord[K]>(loaded.map((record) => [record.id, record] as const));
    for (const id of tracked.deleted) records.delete(id);
    for (const { id, value } of tracked.updated) records.set(id, value);
    for (const record of tracked.inserted) records.set(record.id, record);
    const table = ownedTables[kind] as unknown as Table<OwnedRecord[K]>;
    return [...records.values()].map((record) => rowOf(table, record));
  };
  return {
    revision: changes.expectedRevision === null ? 1 : changes.expectedRevision + 1,
    instance: rowOf(processInstanceTable, changes.instance),
    owned: byOwnedKind<StoredInstance['owned']>(owned),
  };
}

/** the instance holds records of the kind once the changes are applied */
function holdsAfter(before: InstanceSnapshot | null, changes: InstanceChanges, kind: 'jobs' | 'externalTasks'): boolean {
  const tracked = changes[kind];
  if (tracked.inserted.length > 0) return true;
  const deleted = new Set(tracked.deleted);
  return (before?.[kind] ?? []).some((record) => !deleted.has(record.id));
}

function readStored(stored: StoredInstance): InstanceSnapshot {
  const owned = <K extends OwnedKind>(kind: K): OwnedRows<K>[K] =>
    stored.owned[kind].map((row) => readRow(ownedTables[kind], row)) as unknown as OwnedRows<K>[K];
  return { instance: readRow(processInstanceTable, stored.instance), revision: stored.revision, ...byOwnedKind<OwnedRows>(owned) };
}

/** the record's row as the writer stores it; dates as text, so that the row holds nothing a reader could change */
function rowOf<R extends { readonly id: string }>(table: Table<R>, record: R): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of table.columns) {
    const value = dbValue(column, record);
    row[column.column] = value instanceof Date ? value.toISOString() : value;
  }
  return Object.freeze(row);
}
