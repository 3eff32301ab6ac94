import type { Form } from '@bpmn-io/form-js-viewer';
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../app/html';
import { tasks } from '../../api/engine';
import type { Task, VariableMap } from '../../api/engine-types';
import { formDataOf, typedVariablesOf } from '../../api/form-values';
import { ErrorNote, errorText } from '../../components/common';
import { outcomeFieldOf, type FormField } from '../../model/form-fields';
import { allComponents, fieldsOfSchema, parseFormSchema, withoutField, type FormSchema } from '../../model/form-schema';

interface Props {
  readonly task: Task;
  readonly editable: boolean;
  readonly onCompleted: () => void;
}

interface Loaded {
  readonly form: Form;
  readonly schema: FormSchema;
  readonly outcome: FormField | null;
  readonly readonlyKeys: ReadonlySet<string>;
  readonly variables: VariableMap;
}

/** should the task get the form-js viewer rather than the generated form? */
export function hasCamundaForm(task: Task): boolean {
  return Boolean(task.camundaFormRef) || (task.formKey?.startsWith('camunda-forms:') ?? false);
}

/**
 * The task's Camunda Form (form-js), prefilled from the task's variables. A boolean or choice
 * field named like approved / decision / outcome becomes outcome buttons, as in the generated forms.
 */
export function CamundaTaskForm({ task, editable, onCompleted }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let form: Form | null = null;
    let cancelled = false;
    (async () => {
      const [{ Form: FormViewer }, content, variables] = await Promise.all([import('./form-js-viewer'), tasks.deployedForm(task.id), tasks.formVariables(task.id)]);
      const schema = parseFormSchema(typeof content === 'string' ? content : JSON.stringify(content), 'The deployed form');
      const fields = fieldsOfSchema(schema);
      const outcome = outcomeFieldOf(fields);
      if (cancelled || !container.current) return;
      // form-js applies typed text 300 ms later or on blur; a blur that clears a field's error moves
      // the outcome buttons away from under the pointer before the click lands, so apply at once
      const options = { container: container.current, debounce: false };
      form = new FormViewer(options);
      await form.importSchema(outcome ? withoutField(schema, outcome.id) : schema, formDataOf(variables));
      form.setProperty('readOnly', !editable);
      form.on('changed', () => setInvalid(null));
      if (cancelled) return;
      setLoaded({ form, schema, outcome, readonlyKeys: new Set(fields.filter((f) => f.readonly).map((f) => f.id)), variables });
    })().catch((e) => !cancelled && setError(`This task's form cannot be shown: ${errorText(e)}`));
    return () => {
      cancelled = true;
      form?.destroy();
    };
  }, [task.id, editable]);

  const submit = async (outcomeValue?: unknown) => {
    if (!loaded) return;
    const { data, errors } = loaded.form.submit();
    const invalidIds = Object.keys(errors);
    if (invalidIds.length > 0) {
      const labels = allComponents(loaded.schema.components).filter((c) => c.id && invalidIds.includes(c.id)).map((c) => c.label ?? c.key ?? c.id);
      return setInvalid(`Check the highlighted fields: ${labels.join(', ')}`);
    }
    const submitted = loaded.outcome ? { ...data, [loaded.outcome.id]: outcomeValue } : data;
    try {
      setBusy(true);
      setError(null);
      await tasks.submitForm(task.id, typedVariablesOf(submitted, loaded.variables, loaded.readonlyKeys));
      onCompleted();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const outcome = loaded?.outcome ?? null;
  const disabled = !editable || busy || !loaded;
  return html`<div class="task-form camunda-task-form" data-testid="task-form" data-form-kind="camunda-form" data-ready=${loaded ? 'true' : 'false'}>
    <div class="form-js-container" ref=${container} data-testid="camunda-form"></div>
    <${ErrorNote} error=${invalid ?? error} />
    <div class="actions outcomes">
      ${outcome?.type === 'boolean'
        ? html`<button type="button" class="primary" disabled=${disabled} data-outcome="approve" onClick=${() => submit(true)}>Approve</button>
            <button type="button" class="danger" disabled=${disabled} data-outcome="reject" onClick=${() => submit(false)}>Reject</button>`
        : outcome
          ? outcome.values.map((v) => html`<button type="button" class="primary" disabled=${disabled} data-outcome=${v.id} onClick=${() => submit(choiceValue(loaded!.schema, outcome.id, v.id))}>${v.name}</button>`)
          : html`<button type="button" class="primary" disabled=${disabled} onClick=${() => submit()}>Complete</button>`}
    </div>
  </div>`;
}

/** the value of a choice as the schema has it (a number or boolean stays one) */
function choiceValue(schema: FormSchema, key: string, id: string): unknown {
  const component = allComponents(schema.components).find((c) => c.key === key);
  return component?.values?.find((v) => String(v.value) === id)?.value ?? id;
}
