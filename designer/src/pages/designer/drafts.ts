import type { DiagramDecisions } from '../../dmn/dmn-files';
import type { DiagramForm } from './forms/diagram-forms';

/** Drafts in the browser's localStorage, one per process id. */
export interface Draft {
  readonly processId: string;
  readonly name: string;
  readonly xml: string;
  /** the Camunda Forms attached to the diagram */
  readonly forms?: readonly DiagramForm[];
  /** the DMN files beside the process */
  readonly decisions?: readonly DiagramDecisions[];
  readonly savedAt: string;
}

const KEY = 'crm.designer.drafts';

function readAll(): Record<string, Draft> {
  try {
    return JSON.parse(window.localStorage.getItem(KEY) ?? '{}') as Record<string, Draft>;
  } catch {
    return {};
  }
}

export function listDrafts(): Draft[] {
  return Object.values(readAll()).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export function saveDraft(draft: Omit<Draft, 'savedAt'>): Draft {
  const saved = { ...draft, savedAt: new Date().toISOString() };
  window.localStorage.setItem(KEY, JSON.stringify({ ...readAll(), [draft.processId]: saved }));
  return saved;
}

export function deleteDraft(processId: string): void {
  const all = readAll();
  delete all[processId];
  window.localStorage.setItem(KEY, JSON.stringify(all));
}
