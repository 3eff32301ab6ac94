import { html } from '../app/html';
import type { DecisionTableInfo } from './decision-tables';

interface Modeling {
  updateProperties(element: unknown, properties: Record<string, unknown>): void;
}

interface Props {
  readonly table: DecisionTableInfo;
  readonly modeling: () => Modeling | undefined;
}

/**
 * The open table's inputs with their camunda:inputVariable: the name a rule's input entry uses for
 * the input's value (cellInput when unset). dmn-js's table editor does not edit it.
 */
export function InputVariablesPanel({ table, modeling }: Props) {
  const update = (element: unknown, value: string) => modeling()?.updateProperties(element, { 'camunda:inputVariable': value.trim() === '' ? undefined : value.trim() });
  return html`<section class="dmn-side" data-testid="dmn-input-variables">
    <h3>${table.name}</h3>
    <p class="muted">Decision key <code>${table.id}</code> (edit the id in the DRD view).</p>
    <h3>Input variables</h3>
    <p class="muted">How a rule's entry names the input's value (camunda:inputVariable; cellInput when empty).</p>
    ${table.inputs.map((input) => html`<label class="field" key=${input.id}>
      <span>${input.label} <small><code>${input.expression}</code></small></span>
      <input type="text" value=${input.inputVariable ?? ''} placeholder="cellInput" data-input-id=${input.id}
        onChange=${(event: Event) => update(input.element, (event.target as HTMLInputElement).value)} />
    </label>`)}
  </section>`;
}
