import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { instances } from '../../api/engine';
import type { VariableMap, VariableType } from '../../api/engine-types';
import { displayValue, EDITABLE_TYPES, typedValue } from '../../api/variables';
import { ErrorNote, errorText } from '../../components/common';
import { IdValue, isUuid } from '../../components/id-value';
import { usePeople } from '../../components/people';
import { useRecordTitles } from '../../components/record-title';

/** Variables of a running instance, editable with their types (PUT /process-instance/{id}/variables/{name}). */
export function VariablesPanel({ instanceId, variables, editable, onSaved }: { instanceId: string; variables: VariableMap; editable: boolean; onSaved: () => void }) {
  const [editing, setEditing] = useState<{ name: string; type: VariableType; value: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!editing?.name) return;
    try {
      await instances.setVariable(instanceId, editing.name, typedValue(editing.type, editing.value));
      setEditing(null);
      setError(null);
      onSaved();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const names = Object.keys(variables).sort();
  // ids among the values are shown as the users' names and the records' titles
  const people = usePeople();
  const records = useRecordTitles(names.map((n) => displayValue(variables[n]!)).filter(isUuid));
  return html`<div data-testid="variables">
    <table>
      <thead><tr><th>Name</th><th>Type</th><th>Value</th><th></th></tr></thead>
      <tbody>${names.map((name) => html`<tr>
        <td><code>${name}</code></td><td>${variables[name]!.type}</td><td><${IdValue} text=${displayValue(variables[name]!)} people=${people} records=${records} /></td>
        <td>${editable && html`<button type="button" class="link" onClick=${() => setEditing({ name, type: (EDITABLE_TYPES.includes(variables[name]!.type as VariableType) ? variables[name]!.type : 'String') as VariableType, value: displayValue(variables[name]!) })}>edit</button>`}</td>
      </tr>`)}</tbody>
    </table>
    ${names.length === 0 && html`<p class="muted">No variables.</p>`}
    ${editable && !editing && html`<button type="button" class="secondary" onClick=${() => setEditing({ name: '', type: 'String', value: '' })}>Add variable</button>`}
    ${editing && html`<div class="variable-row">
      <input aria-label="Variable name" value=${editing.name} onInput=${(e: Event) => setEditing({ ...editing, name: (e.target as HTMLInputElement).value })} />
      <select aria-label="Variable type" value=${editing.type} onChange=${(e: Event) => setEditing({ ...editing, type: (e.target as HTMLSelectElement).value as VariableType })}>${EDITABLE_TYPES.map((t) => html`<option value=${t}>${t}</option>`)}</select>
      <input aria-label="Variable value" value=${editing.value} onInput=${(e: Event) => setEditing({ ...editing, value: (e.target as HTMLInputElement).value })} />
      <button type="button" class="primary" onClick=${save}>Save</button><button type="button" onClick=${() => setEditing(null)}>Cancel</button>
    </div>`}
    <${ErrorNote} error=${error} />
  </div>`;
}
