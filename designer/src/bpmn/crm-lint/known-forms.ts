/**
 * The forms a user task may link, as the designer page knows them: attached to the open diagram
 * (deployed with it) and already deployed (null until looked up). Lint rules cannot be handed
 * data, so the page sets it here and asks the linter to run again.
 */
export interface KnownForms {
  readonly attachedIds: ReadonlySet<string>;
  readonly attachedFiles: ReadonlySet<string>;
  readonly deployedIds: ReadonlySet<string> | null;
}

let known: KnownForms = { attachedIds: new Set(), attachedFiles: new Set(), deployedIds: null };

export function knownForms(): KnownForms {
  return known;
}

export function setKnownForms(update: Partial<KnownForms>): void {
  known = { ...known, ...update };
}
