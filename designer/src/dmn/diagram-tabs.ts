import { useRef } from 'preact/hooks';
import { html } from '../app/html';
import { decisionIdsOf, type DiagramDecisions } from './dmn-files';

interface Props {
  readonly decisions: readonly DiagramDecisions[];
  /** the open DMN file; null: the process */
  readonly active: string | null;
  readonly onSelect: (fileName: string | null) => void;
  readonly onNew: () => void;
  readonly onImport: (file: File) => void;
  readonly onDownload: (file: DiagramDecisions) => void;
  readonly onRemove: (file: DiagramDecisions) => void;
}

/** The switch between the process and the DMN files beside it (deployed together), with their actions. */
export function DiagramTabs({ decisions, active, onSelect, onNew, onImport, onDownload, onRemove }: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  const open = decisions.find((d) => d.fileName === active) ?? null;
  const onFile = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) onImport(file);
  };
  return html`<div class="diagram-tabs" role="tablist" aria-label="Process and decisions" data-testid="diagram-tabs">
    <button type="button" role="tab" aria-selected=${active === null ? 'true' : 'false'} data-tab="process" onClick=${() => onSelect(null)}>Process</button>
    ${decisions.map((d) => html`<button type="button" role="tab" aria-selected=${d.fileName === active ? 'true' : 'false'} data-tab=${d.fileName}
      title=${`Decisions: ${decisionIdsOf(d.content).join(', ')}`} onClick=${() => onSelect(d.fileName)}>${d.fileName}</button>`)}
    <button type="button" class="link" onClick=${onNew}>+ New DMN</button>
    <button type="button" class="link" onClick=${() => fileRef.current?.click()}>Import .dmn</button>
    <input ref=${fileRef} type="file" accept=".dmn,.xml" hidden data-testid="import-dmn-file" onChange=${onFile} />
    ${open && html`<span class="diagram-tab-actions">
      <button type="button" onClick=${() => onDownload(open)}>Download .dmn</button>
      <button type="button" onClick=${() => onRemove(open)}>Remove</button>
    </span>`}
  </div>`;
}
