import { html } from '../../app/html';
import type { ProcessDefinition } from '../../api/engine-types';
import { Truncated } from '../../components/text';
import type { Draft } from './drafts';

interface Props {
  readonly definitions: readonly ProcessDefinition[];
  readonly drafts: readonly Draft[];
  readonly openId: string | null;
  readonly onOpenDefinition: (definition: ProcessDefinition) => void;
  readonly onOpenDraft: (draft: Draft) => void;
  readonly onDeleteDraft: (draft: Draft) => void;
  readonly onCompare: (key: string) => void;
}

/** Deployed processes with their versions (newest first), and local drafts. */
export function ProcessList({ definitions, drafts, openId, onOpenDefinition, onOpenDraft, onDeleteDraft, onCompare }: Props) {
  const byKey = new Map<string, ProcessDefinition[]>();
  for (const d of definitions) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
  const groups = [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b));
  return html`<aside class="process-list" data-testid="process-list">
    <h2>Processes</h2>
    ${groups.length === 0 && html`<p class="muted">Nothing deployed yet.</p>`}
    <ul>
      ${groups.map(([key, versions]) => {
        const sorted = [...versions].sort((a, b) => b.version - a.version);
        return html`<li class="process-group" data-key=${key}>
          <div class="process-name"><${Truncated} text=${sorted[0]!.name ?? key} /> <small><${Truncated} text=${key} /></small></div>
          <div class="versions">
            ${sorted.map(
              (d) => html`<button type="button" class=${`version ${d.id === openId ? 'active' : ''}`} title=${d.id} onClick=${() => onOpenDefinition(d)}>v${d.version}</button>`,
            )}
            ${sorted.length > 1 && html`<button type="button" class="link" onClick=${() => onCompare(key)}>compare</button>`}
          </div>
        </li>`;
      })}
    </ul>
    <h2>Drafts</h2>
    ${drafts.length === 0 && html`<p class="muted">No drafts in this browser.</p>`}
    <ul>
      ${drafts.map(
        (draft) => html`<li class="draft">
          <button type="button" class="link" onClick=${() => onOpenDraft(draft)}><${Truncated} text=${draft.name} /></button>
          <small>${new Date(draft.savedAt).toLocaleString()}</small>
          <button type="button" class="link" aria-label=${`Delete draft ${draft.name}`} onClick=${() => onDeleteDraft(draft)}>✕</button>
        </li>`,
      )}
    </ul>
  </aside>`;
}
