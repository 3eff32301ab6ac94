import type { FormEditor } from '@bpmn-io/form-js-editor';
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { ErrorNote, errorText } from '../../../components/common';
import { parseFormSchema } from '../../../model/form-schema';
import type { DiagramForm } from './diagram-forms';

interface Props {
  readonly form: DiagramForm;
  readonly onSave: (form: DiagramForm) => void;
  readonly onClose: () => void;
}

/** The form-js editor over the page: palette, canvas and its properties; *Done* keeps the schema. */
export function FormEditorDialog({ form, onSave, onClose }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<FormEditor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const { FormEditor: Editor } = await import('./form-js-editor');
      if (cancelled || !container.current) return;
      editor.current = new Editor({ container: container.current });
      await editor.current.importSchema(parseFormSchema(form.content, form.fileName));
      setReady(true);
    })().catch((e) => setError(`Cannot open ${form.fileName}: ${errorText(e)}`));
    return () => {
      cancelled = true;
      editor.current?.destroy();
      editor.current = null;
    };
  }, [form.fileName]);

  const done = () => {
    if (!editor.current) return onClose();
    try {
      const schema = editor.current.saveSchema() as { id?: unknown };
      if (typeof schema.id !== 'string' || schema.id.trim() === '') throw new Error('The form needs an id (Form > General > ID): camunda:formRef names it');
      onSave({ fileName: form.fileName, content: JSON.stringify(schema, null, 2) });
    } catch (e) {
      setError(errorText(e));
    }
  };

  return html`<div class="modal-backdrop form-editor-backdrop">
    <div class="modal form-editor-modal" role="dialog" aria-label=${`Form ${form.fileName}`} data-testid="form-editor" data-ready=${ready ? 'true' : 'false'}>
      <header class="panel-header">
        <h2>${form.fileName}</h2>
        <div class="panel-actions">
          <button type="button" onClick=${onClose}>Cancel</button>
          <button type="button" class="primary" data-testid="form-editor-done" onClick=${done}>Done</button>
        </div>
      </header>
      <${ErrorNote} error=${error} />
      <div class="form-editor-canvas" ref=${container}></div>
    </div>
  </div>`;
}
