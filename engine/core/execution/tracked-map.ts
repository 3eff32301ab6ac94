/**
 * A map of records that remembers what changed since it was loaded, so a commit writes only
 * inserts, field patches and deletes. Records are immutable: every change replaces the value.
 */
export class TrackedMap<V extends { readonly id: string }> {
  private readonly values = new Map<string, V>();
  private readonly loaded = new Set<string>();
  private readonly inserted = new Set<string>();
  private readonly patches = new Map<string, Partial<V>>();
  private readonly deleted = new Set<string>();
  /** the records as loaded, before any change (records are immutable: these are the same objects) */
  private readonly initial: V[] = [];

  constructor(initial: Iterable<V> = []) {
    for (const value of initial) {
      this.values.set(value.id, value);
      this.loaded.add(value.id);
      this.initial.push(value);
    }
  }

  get(id: string): V | undefined {
    return this.values.get(id);
  }

  has(id: string): boolean {
    return this.values.has(id);
  }

  get size(): number {
    return this.values.size;
  }

  all(): V[] {
    return [...this.values.values()];
  }

  filter(predicate: (value: V) => boolean): V[] {
    const out: V[] = [];
    for (const value of this.values.values()) if (predicate(value)) out.push(value);
    return out;
  }

  find(predicate: (value: V) => boolean): V | undefined {
    for (const value of this.values.values()) if (predicate(value)) return value;
    return undefined;
  }

  insert(value: V): V {
    if (this.values.has(value.id)) throw new Error(`Expected a new id, but '${value.id}' already exists`);
    this.values.set(value.id, value);
    if (this.deleted.delete(value.id)) {
      // re-inserted after a delete in the same unit of work: write it as a full replacement
      this.patches.set(value.id, { ...value });
    } else {
      this.inserted.add(value.id);
    }
    return value;
  }

  update(id: string, patch: Partial<V>): V {
    const current = this.values.get(id);
    if (!current) throw new Error(`Expected record '${id}' to exist, but it does not`);
    const next = { ...current, ...patch } as V;
    this.values.set(id, next);
    if (!this.inserted.has(id)) this.patches.set(id, { ...(this.patches.get(id) ?? {}), ...patch });
    return next;
  }

  delete(id: string): V | undefined {
    const current = this.values.get(id);
    if (!current) return undefined;
    this.values.delete(id);
    if (this.inserted.delete(id)) return current;
    this.patches.delete(id);
    if (this.loaded.has(id)) this.deleted.add(id);
    return current;
  }

  changes(): TrackedChanges<V> {
    return {
      inserted: [...this.inserted].map((id) => this.values.get(id)!),
      updated: [...this.patches].map(([id, patch]) => ({ id, patch, value: this.values.get(id)! })),
      deleted: [...this.deleted],
    };
  }

  /** ids of the records the map was loaded with: they existed before the unit of work */
  loadedIds(): ReadonlySet<string> {
    return this.loaded;
  }

  /** the records the map was loaded with, as they were loaded */
  loadedValues(): readonly V[] {
    return this.initial;
  }

  hasChanges(): boolean {
    return this.inserted.size + this.patches.size + this.deleted.size > 0;
  }
}

export interface TrackedChanges<V> {
  readonly inserted: readonly V[];
  readonly updated: readonly { readonly id: string; readonly patch: Partial<V>; readonly value: V }[];
  readonly deleted: readonly string[];
}
