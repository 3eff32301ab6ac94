/**
 * The decisions a business rule task may name, as the designer page knows them: declared in the
 * DMN files open beside the diagram (deployed with it) and already deployed (null when unknown:
 * the engine has no decision endpoint, or it was not asked). Lint rules cannot be handed data, so
 * the page sets it here and asks the linter to run again.
 */
export interface KnownDecisions {
  readonly openIds: ReadonlySet<string>;
  readonly deployedIds: ReadonlySet<string> | null;
}

let known: KnownDecisions = { openIds: new Set(), deployedIds: null };

export function knownDecisions(): KnownDecisions {
  return known;
}

export function setKnownDecisions(update: Partial<KnownDecisions>): void {
  known = { ...known, ...update };
}
