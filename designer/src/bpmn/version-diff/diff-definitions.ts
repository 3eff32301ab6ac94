import { diff } from 'bpmn-js-differ';

export interface VersionDiff {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: { id: string; attributes: string[] }[];
  readonly moved: string[];
}

/** What changed between two versions of a process, by element id (bpmn-js-differ on the moddle trees). */
export function diffDefinitions(older: unknown, newer: unknown): VersionDiff {
  const result = diff(older, newer);
  return {
    added: Object.keys(result._added),
    removed: Object.keys(result._removed),
    changed: Object.entries(result._changed).map(([id, change]) => ({ id, attributes: Object.keys(change.attrs ?? {}) })),
    moved: Object.keys(result._layoutChanged).filter((id) => !(id in result._changed)),
  };
}
