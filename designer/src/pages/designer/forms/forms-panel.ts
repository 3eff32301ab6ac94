import { useRef, useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { errorText } from '../../../components/common';
import { newFormSchema } from '../../../model/form-schema';
import { download } from '../process-info';
import { formIdOf, freeFormId, readFormFile, type DiagramForm } from './diagram-forms';
import { FormEditorDialog } from './form-editor-dialog';

interface Props {
  readonly forms: readonly DiagramForm[];
  /** the open diagram's process id: new forms are named after it */
  readonly processId: () => string;
  readonly onChange: (forms: DiagramForm[]) => void;
  readonly onError: (message: string) => void;
}

/**
 * The diagram's Camunda Forms: create, import, edit (form-js editor), download, remove. A user
 * task links one in the properties panel: Form > Type "Camunda Forms", Form reference = its id.
 */
export function FormsPanel({ forms, processId, onChange, onError }: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [editing, setEditing] = useState<DiagramForm | null>(null);

  const replace = (previous: DiagramForm | null, next: DiagramForm) =>
    onChange(previous ? forms.map((f) => (f.fileName === previous.fileName ? next : f)) : [...forms, next]);

  const onNew = () => {
    const id = freeFormId(processId(), forms);
    const form = { fileName: `${id}.form`, content: JSON.stringify(newFormSchema(id), null, 2) };
    onChange([...forms, form]);
    setEditing(form);
  };

  const onImport = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const form = await readFormFile(file);
      replace(forms.find((f) => f.fileName === form.fileName) ?? null, form);
    } catch (e) {
      onError(errorText(e));
    }
  };

  return html`<section class="forms-panel" data-testid="forms-panel">
    <header>
      <strong>Forms</strong>
      <button type="button" onClick=${onNew}>New form</button>
      <button type="button" onClick=${() => fileRef.current?.click()}>Import .form</button>
      <input ref=${fileRef} type="file" accept=".form,.json" hidden data-testid="import-form-file" onChange=${onImport} />
    </header>
    ${forms.length === 0
      ? html`<p class="muted">No forms. A user task links one by its id (properties: Form › Camunda Forms); it is deployed with the diagram.</p>`
      : html`<ul>
          ${forms.map((form) => html`<li class="diagram-form" data-form-file=${form.fileName} data-form-id=${formIdOf(form)}>
            <code>${formIdOf(form) || '(no id)'}</code> <small>${form.fileName}</small>
            <button type="button" class="link" onClick=${() => setEditing(form)}>edit</button>
            <button type="button" class="link" onClick=${() => download(form.fileName, form.content)}>download</button>
            <button type="button" class="link" onClick=${() => onChange(forms.filter((f) => f !== form))}>remove</button>
          </li>`)}
        </ul>`}
    ${editing && html`<${FormEditorDialog} form=${editing} onClose=${() => setEditing(null)}
      onSave=${(saved: DiagramForm) => { replace(editing, saved); setEditing(null); }} />`}
  </section>`;
}
