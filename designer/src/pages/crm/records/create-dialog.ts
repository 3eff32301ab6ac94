import { useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { likelyDuplicates, type DuplicateCandidate } from '../../../api/duplicates';
import { createRecord, type CrmRecord } from '../../../api/crm-records';
import { ErrorNote, Modal, errorText } from '../../../components/common';
import { DuplicateCandidates } from '../duplicates/duplicate-candidates';
import { bodyValue, FieldInput, fieldOfError, nestedBody, type FieldValue } from './field-input';
import type { FieldSpec, RecordKind } from './record-kinds';

interface Props {
  readonly kind: RecordKind;
  readonly people: readonly { id: string; name: string }[];
  /** fields given beforehand (an activity about the record whose card is open) */
  readonly preset?: Record<string, unknown>;
  readonly fields?: readonly FieldSpec[];
  readonly onCreated: (record: CrmRecord) => void;
  readonly onClose: () => void;
}

/** "New company" (with its first contact), contact, lead, deal, complaint or activity; the server's 400 shows beside the field it names */
export function CreateDialog({ kind, people, preset = {}, fields = kind.create, onCreated, onClose }: Props) {
  const [values, setValues] = useState<Record<string, FieldValue>>({});
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [duplicates, setDuplicates] = useState<readonly DuplicateCandidate[] | null>(null);
  const [busy, setBusy] = useState(false);
  // a preset field is given, not asked: the form neither shows nor overwrites it
  const shown = fields.filter((f) => !(f.name in preset));
  const create = async (confirmDuplicate: boolean) => {
    const flat: Record<string, unknown> = { ...preset };
    for (const field of shown) flat[field.name] = bodyValue(field, values[field.name] ?? null);
    const picked = values['recordId'];
    // an activity's record: its type comes with the pick
    if (kind.type === 'activity' && picked && typeof picked === 'object') flat['recordType'] = picked.type;
    setBusy(true);
    try {
      onCreated(await createRecord(kind.list, nestedBody(flat), confirmDuplicate));
    } catch (e) {
      const candidates = likelyDuplicates(e);
      setDuplicates(candidates);
      if (candidates) setError(null);
      else {
        const message = errorText(e);
        setError({ field: fieldOfError(message), message });
      }
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    void create(false);
  };
  return html`<${Modal} title=${`New ${kind.label.toLowerCase()}`} onClose=${onClose}>
    <form class="form crm-create" data-testid="create-form" onSubmit=${submit} noValidate>
      ${shown.map((field) => html`<div class=${`crm-field ${error?.field === field.name ? 'invalid' : ''}`}>
        <label>${field.label}${field.required ? ' *' : ''}
          <${FieldInput} field=${field} value=${values[field.name] ?? null} people=${people} onChange=${(v: FieldValue) => setValues({ ...values, [field.name]: v })} />
        </label>
        ${error?.field === field.name && html`<p class="error field-error" role="alert" data-testid="field-error">${error.message}</p>`}
      </div>`)}
      ${duplicates && html`<${DuplicateCandidates} candidates=${duplicates} busy=${busy} onCreateAnyway=${() => void create(true)} onCancel=${() => setDuplicates(null)} />`}
      ${error && !shown.some((f) => f.name === error.field) && html`<${ErrorNote} error=${error.message} />`}
      <div class="actions"><button type="submit" class="primary" disabled=${busy}>Create</button><button type="button" onClick=${onClose}>Cancel</button></div>
    </form>
  <//>`;
}
