import type { DefinitionRef } from '../../core/ports/engine-store.js';

type LatestRef = Extract<DefinitionRef, { by: 'latest' }>;

/** a definition a command took from the cache as the latest of its key: its write checks that it still is */
export interface AssumedLatest {
  readonly definitionId: string;
  /** the lookup named a tenant (or none): only that tenant's versions count */
  readonly tenantScoped: boolean;
  readonly cacheKey: string;
}

const CAPACITY = 1000;

/**
 * The latest definition of each key as this node last read it, so that a start by key needs no
 * look-up. Another node may deploy a newer version at any time: a command that used an entry
 * states it in its write (a guard that fails if a newer version of the key exists, sql-writer.ts),
 * and a failed guard forgets the entry, so the command's rerun reads the rows. A stale entry costs
 * a retry, never a start of the wrong version. Deployments on this node clear it.
 */
export class LatestDefinitions {
  private readonly ids = new Map<string, string>();

  cacheKey(ref: LatestRef): string {
    return ref.tenantId === undefined ? `any\u0000${ref.key}` : `tenant\u0000${ref.tenantId ?? ''}\u0000${ref.key}`;
  }

  get(ref: LatestRef): string | undefined {
    return this.ids.get(this.cacheKey(ref));
  }

  set(ref: LatestRef, definitionId: string): void {
    if (this.ids.size >= CAPACITY) this.ids.clear();
    this.ids.set(this.cacheKey(ref), definitionId);
  }

  forget(assumed: readonly AssumedLatest[]): void {
    for (const entry of assumed) this.ids.delete(entry.cacheKey);
  }

  clear(): void {
    this.ids.clear();
  }
}
