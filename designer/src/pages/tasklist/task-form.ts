import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../app/html';
import { tasks } from '../../api/engine';
import type { Task, TypedValue, VariableMap } from '../../api/engine-types';
import { displayValue, toCamundaDate, toLocalInput } from '../../api/variables';
import { ErrorNote, errorText } from '../../components/common';
import { outcomeFieldOf, type FormField } from '../../model/form-fields';

interface Props {
  readonly task: Task;
  readonly fields: readonly FormField[];
  readonly editable: boolean;
  readonly onCompleted: () => void;
}

type Values = Record<string, string | boolean>;

function initialValues(fields: readonly FormField[], current: VariableMap): Values {
  const values: Values = {};
  for (const field of fields) {
    const existing = current[field.id];
    if (field.type === 'boolean') values[field.id] = existing ? existing.value === true : field.defaultValue === 'true';
    else if (field.type === 'date') values[field.id] = toLocalInput(existing ? String(existing.value ?? '') : field.defaultValue);
    else values[field.id] = existing ? displayValue(existing) : (field.defaultValue ?? '');
  }
  return values;
}

/** the server's values, but what the user has typed already stays: it may arrive before them, or the task reload after a change of its dates */
export function withTyped(initial: Values, current: Values, touched: ReadonlySet<string>): Values {
  const merged = { ...initial };
  for (const id of touched) if (Object.hasOwn(current, id)) merged[id] = current[id]!;
  return merged;
}

function typed(field: FormField, value: string | boolean): TypedValue | null {
  if (field.type === 'boolean') return { type: 'Boolean', value: value === true };
  if (value === '') return null;
  if (field.type === 'long') {
    const n = Number(value);
    if (!Number.isInteger(n)) throw new Error(`${field.label}: expected a whole number, but got '${String(value)}'`);
    return { type: 'Long', value: n };
  }
  if (field.type === 'date') return { type: 'Date', value: toCamundaDate(new Date(String(value))) };
  return { type: 'String', value: String(value) };
}

/** The generated form of `camunda:formData`, with outcome buttons for an approve / decision field. */
export function TaskForm({ task, fields, editable, onCompleted }: Props) {
  const [values, setValues] = useState<Values>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const touched = useRef(new Set<string>());
  const outcome = outcomeFieldOf(fields);
  // a reload of the task gives equal fields in a new array: only other fields are a new form
  const fieldsKey = fields.map((f) => `${f.id}:${f.type}`).join('|');

  useEffect(() => {
    let cancelled = false;
    const apply = (current: VariableMap) => !cancelled && setValues((typedSoFar) => withTyped(initialValues(fields, current), typedSoFar, touched.current));
    tasks.formVariables(task.id).then(apply).catch(() => apply({}));
    return () => void (cancelled = true);
  }, [task.id, fieldsKey]);

  const submit = async (override: Values = {}) => {
    const merged = { ...values, ...override };
    try {
      setBusy(true);
      const variables: VariableMap = {};
      for (const field of fields) {
        if (field.readonly) continue;
        const value = typed(field, merged[field.id] ?? '');
        if (value === null && field.required) throw new Error(`${field.label} is required`);
        if (value !== null) variables[field.id] = value;
      }
      await tasks.complete(task.id, variables);
      onCompleted();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const set = (id: string, value: string | boolean) => {
    touched.current.add(id);
    setValues((v) => ({ ...v, [id]: value }));
  };
  const input = (field: FormField) => {
    const disabled = !editable || field.readonly;
    const value = values[field.id];
    if (field.type === 'boolean') return html`<input type="checkbox" name=${field.id} disabled=${disabled} checked=${value === true} onChange=${(e: Event) => set(field.id, (e.target as HTMLInputElement).checked)} />`;
    if (field.type === 'enum') return html`<select name=${field.id} disabled=${disabled} value=${String(value ?? '')} onChange=${(e: Event) => set(field.id, (e.target as HTMLSelectElement).value)}>
        <option value="">—</option>${field.values.map((v) => html`<option value=${v.id}>${v.name}</option>`)}
      </select>`;
    const type = field.type === 'long' ? 'number' : field.type === 'date' ? 'datetime-local' : 'text';
    return html`<input type=${type} name=${field.id} disabled=${disabled} required=${field.required} value=${String(value ?? '')} onInput=${(e: Event) => set(field.id, (e.target as HTMLInputElement).value)} />`;
  };

  return html`<form class="form task-form" data-testid="task-form" onSubmit=${(e: Event) => { e.preventDefault(); void submit(); }}>
    ${fields.length === 0 && html`<p class="muted">This task has no form fields.</p>`}
    ${fields.filter((f) => f !== outcome).map((field) => html`<label key=${field.id}>${field.label}${field.required ? ' *' : ''} ${input(field)}</label>`)}
    <${ErrorNote} error=${error} />
    <div class="actions outcomes">
      ${outcome?.type === 'boolean'
        ? html`<button type="button" class="primary" disabled=${!editable || busy} data-outcome="approve" onClick=${() => submit({ [outcome.id]: true })}>Approve</button>
            <button type="button" class="danger" disabled=${!editable || busy} data-outcome="reject" onClick=${() => submit({ [outcome.id]: false })}>Reject</button>`
        : outcome
          ? outcome.values.map((v) => html`<button type="button" class="primary" disabled=${!editable || busy} data-outcome=${v.id} onClick=${() => submit({ [outcome.id]: v.id })}>${v.name}</button>`)
          : html`<button type="submit" class="primary" disabled=${!editable || busy}>Complete</button>`}
    </div>
  </form>`;
}
