import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../app/html';
import { searchRecords, type FoundRecord } from '../api/crm-records';
import { errorText } from './error-text';

let pickers = 0;

interface Props {
  /** record types to search: company, contact, lead, deal */
  readonly types: readonly string[];
  readonly value: FoundRecord | null;
  readonly onChange: (record: FoundRecord | null) => void;
  readonly label: string;
  /** the input's name (forms and tests find it by it) */
  readonly name: string;
  readonly placeholder?: string;
}

/**
 * Finds a CRM record by the start of its name (GET /api/records/search: only records the user
 * sees). A combobox: type to search, ↓/↑ to move, Enter to pick, Escape to close; the picked
 * record shows by its title, ✕ clears it.
 */
export function RecordPicker({ types, value, onChange, label, name, placeholder }: Props) {
  const [id] = useState(() => `record-picker-${++pickers}`);
  const [text, setText] = useState('');
  const [found, setFound] = useState<FoundRecord[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      asked.current++;
      return setFound([]);
    }
    const ask = ++asked.current;
    // a short pause, so typing a name asks once, not once per letter
    const timer = setTimeout(() => {
      searchRecords(q, types)
        .then((records) => ask === asked.current && (setFound(records), setActive(0), setError(null)))
        .catch((e: unknown) => ask === asked.current && setError(errorText(e)));
    }, 200);
    return () => clearTimeout(timer);
  }, [text, types.join(',')]);

  const pick = (record: FoundRecord) => {
    onChange(record);
    setText('');
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') { event.preventDefault(); setOpen(true); setActive((a) => Math.min(a + 1, found.length - 1)); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
    else if (event.key === 'Enter' && open && found[active]) { event.preventDefault(); pick(found[active]!); }
    else if (event.key === 'Escape' && open) { event.preventDefault(); setOpen(false); }
  };

  if (value) {
    return html`<div class="record-picker picked" data-testid=${`picker-${name}`}>
      <span class="record-title" data-testid="picked-record" title=${`${value.type} ${value.id}`}><small class="muted">${value.type}</small> ${value.title}</span>
      <button type="button" class="link" aria-label=${`Clear ${label}`} onClick=${() => onChange(null)}>✕</button>
    </div>`;
  }
  const listId = `${id}-list`;
  return html`<div class="record-picker" data-testid=${`picker-${name}`}>
    <input name=${name} role="combobox" autocomplete="off" aria-label=${label} aria-autocomplete="list" aria-expanded=${open && found.length > 0}
      aria-controls=${listId} aria-activedescendant=${open && found[active] ? `${id}-${active}` : undefined} placeholder=${placeholder ?? `Type the start of a name (${types.join(', ')})`}
      value=${text} onInput=${(e: Event) => { setText((e.target as HTMLInputElement).value); setOpen(true); }} onKeyDown=${onKeyDown}
      onBlur=${() => setTimeout(() => setOpen(false), 150)} />
    ${open && found.length > 0 && html`<ul class="record-picker-options" role="listbox" id=${listId}>
      ${found.map((record, i) => html`<li id=${`${id}-${i}`} role="option" aria-selected=${i === active} class=${i === active ? 'active' : ''}
        data-record-id=${record.id} onMouseDown=${(e: MouseEvent) => { e.preventDefault(); pick(record); }}><small class="muted">${record.type}</small> ${record.title}</li>`)}
    </ul>`}
    ${open && text.trim() && found.length === 0 && !error && html`<p class="muted record-picker-none">No record starts with “${text.trim()}”.</p>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
  </div>`;
}
