import { html } from '../app/html';
import type { VariableMap, VariableType } from '../api/engine-types';
import { EDITABLE_TYPES, typedValue } from '../api/variables';

export interface VariableRow {
  name: string;
  type: VariableType;
  value: string;
}

/** Rows of name / type / value, turned into Camunda typed variables. */
export function VariableRows({ rows, onChange }: { rows: VariableRow[]; onChange: (rows: VariableRow[]) => void }) {
  const update = (index: number, change: Partial<VariableRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return html`<div class="variable-rows">
    ${rows.map(
      (row, index) => html`<div class="variable-row" key=${index}>
        <input aria-label="Variable name" placeholder="name" value=${row.name} onInput=${(e: Event) => update(index, { name: (e.target as HTMLInputElement).value })} />
        <select aria-label="Variable type" value=${row.type} onChange=${(e: Event) => update(index, { type: (e.target as HTMLSelectElement).value as VariableType })}>
          ${EDITABLE_TYPES.map((t) => html`<option value=${t}>${t}</option>`)}
        </select>
        <input aria-label="Variable value" placeholder="value" value=${row.value} onInput=${(e: Event) => update(index, { value: (e.target as HTMLInputElement).value })} />
        <button type="button" class="link" aria-label="Remove variable" onClick=${() => onChange(rows.filter((_, i) => i !== index))}>✕</button>
      </div>`,
    )}
    <button type="button" class="secondary" onClick=${() => onChange([...rows, { name: '', type: 'String', value: '' }])}>Add variable</button>
  </div>`;
}

export function toVariableMap(rows: readonly VariableRow[]): VariableMap {
  const map: VariableMap = {};
  for (const row of rows) if (row.name.trim()) map[row.name.trim()] = typedValue(row.type, row.value);
  return map;
}
