import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { definitions } from '../../api/engine';
import type { ProcessDefinition, ProcessInstance } from '../../api/engine-types';
import type { FoundRecord } from '../../api/crm-records';
import { ErrorNote, Modal, errorText } from '../../components/common';
import { RecordPicker } from '../../components/record-picker';
import { toVariableMap, VariableRows, type VariableRow } from '../../components/variable-editor';

interface Props {
  readonly definition: ProcessDefinition;
  readonly onClose: () => void;
  readonly onStarted: (instance: ProcessInstance) => void;
}

/** Starts an instance of a deployed version with a business key and typed variables. */
export function StartDialog({ definition, onClose, onStarted }: Props) {
  const [businessKey, setBusinessKey] = useState('');
  /** a CRM record picked by name: its id is the business key (the CRM's processes are about records) */
  const [record, setRecord] = useState<FoundRecord | null>(null);
  const [rows, setRows] = useState<VariableRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const start = async (event: Event) => {
    event.preventDefault();
    try {
      const instance = await definitions.start(definition.id, { businessKey: businessKey || null, variables: toVariableMap(rows) });
      onStarted(instance);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return html`<${Modal} title=${`Start ${definition.name ?? definition.key} v${definition.version}`} onClose=${onClose}>
    <form class="form" onSubmit=${start}>
      <label>Business key <input name="businessKey" placeholder="e.g. lead:42" value=${businessKey} onInput=${(e: Event) => { setBusinessKey((e.target as HTMLInputElement).value); setRecord(null); }} /></label>
      <label>or the CRM record it is about <${RecordPicker} types=${['company', 'contact', 'lead', 'deal', 'complaint']} name="record" label="CRM record" value=${record}
        onChange=${(picked: FoundRecord | null) => { setRecord(picked); setBusinessKey(picked?.id ?? ''); }} /></label>
      <fieldset><legend>Variables</legend><${VariableRows} rows=${rows} onChange=${setRows} /></fieldset>
      <${ErrorNote} error=${error} />
      <div class="actions"><button type="submit" class="primary">Start instance</button></div>
    </form>
  <//>`;
}
