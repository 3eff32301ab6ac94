import { useEffect, useState } from 'preact/hooks';
import { decisions, evaluations } from '../api/decisions';
import type { TypedValue, VariableMap } from '../api/engine-types';
import { ApiError } from '../api/http';
import { EDITABLE_TYPES, displayValue, typedValue } from '../api/variables';
import { html } from '../app/html';
import { ErrorNote, errorText } from '../components/common';
import { firstNameIn, variableTypeOf, type DecisionTableInfo, type TableInput } from './decision-tables';

interface Props {
  readonly tables: readonly DecisionTableInfo[];
  /** the decision table open in the editor, tested by default */
  readonly selectedId: string | null;
}

interface Field {
  readonly name: string;
  readonly type: string;
  readonly text: string;
}

interface Outcome {
  readonly results: readonly Record<string, TypedValue>[];
  /** the matched rules' ids, from the evaluation's history; null when the engine does not tell */
  readonly ruleIds: readonly string[] | null;
}

const fieldOf = (input: TableInput): Field => ({
  name: input.variable ?? firstNameIn(input.expression),
  type: variableTypeOf(input.typeRef),
  text: '',
});

/** the engine's refusal in the analyst's words: a 404 means the decision is not deployed (yet) */
function evaluationError(error: unknown, key: string): string {
  if (error instanceof ApiError && error.status === 404) return `Decision '${key}' is not deployed: deploy the decision first (Deploy sends the DMN files with the process). ${error.message}`;
  return `The engine could not evaluate '${key}': ${errorText(error)}`;
}

/**
 * Tries a deployed decision table: one field per input column, Evaluate calls
 * POST /decision-definition/key/{key}/evaluate, the outputs are listed and the matched rules
 * highlighted in the table (from the evaluation's history, when the engine records it).
 */
export function DecisionTestPanel({ tables, selectedId }: Props) {
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, Field>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const table = tables.find((t) => t.id === (selectedId ?? chosenId)) ?? tables[0] ?? null;

  useEffect(() => {
    setOutcome(null);
    setError(null);
  }, [table?.id]);

  if (!table) return html`<section class="dmn-test" data-testid="dmn-test"><strong>Test</strong> <span class="muted">The file has no decision table to test.</span></section>`;

  const fieldFor = (input: TableInput): Field => fields[`${table.id}/${input.id}`] ?? fieldOf(input);
  const setField = (input: TableInput, change: Partial<Field>) => setFields({ ...fields, [`${table.id}/${input.id}`]: { ...fieldFor(input), ...change } });

  const evaluate = async () => {
    setError(null);
    setOutcome(null);
    let variables: VariableMap;
    try {
      variables = Object.fromEntries(
        table.inputs.map((input) => {
          const field = fieldFor(input);
          if (field.name.trim() === '') throw new Error(`Name the variable the input '${input.label}' reads`);
          return [field.name.trim(), typedValue(field.type, field.text)];
        }),
      );
    } catch (e) {
      return setError(errorText(e));
    }
    setBusy(true);
    try {
      const results = await decisions.evaluate(table.id, variables);
      const history = await evaluations.latest(table.id).catch(() => null);
      const ruleIds = history?.outputs ? [...new Set(history.outputs.map((o) => o.ruleId))] : null;
      setOutcome({ results, ruleIds });
    } catch (e) {
      setError(evaluationError(e, table.id));
    } finally {
      setBusy(false);
    }
  };

  const matched = outcome?.ruleIds ?? [];
  const rowOf = (ruleId: string) => table.ruleIds.indexOf(ruleId) + 1;
  const highlight = matched.length > 0
    ? matched.map((id) => `.dmn-canvas td[data-row-id="${CSS.escape(id)}"] { background-color: #fff3c4 !important; }`).join('\n')
    : '';

  return html`<section class="dmn-test" data-testid="dmn-test">
    <header>
      <strong>Test the deployed decision</strong>
      ${selectedId
        ? html`<code>${table.id}</code>`
        : html`<select aria-label="Decision to test" value=${table.id} onChange=${(e: Event) => setChosenId((e.target as HTMLSelectElement).value)}>
            ${tables.map((t) => html`<option value=${t.id}>${t.name} (${t.id})</option>`)}
          </select>`}
      <button type="button" class="primary" disabled=${busy} onClick=${evaluate} data-testid="dmn-evaluate">Evaluate</button>
    </header>
    <p class="muted">Evaluates the latest deployed version of <code>${table.id}</code> (deploy first to test changes).${table.inputs.some((i) => i.variable === null)
      && ' An input whose expression is more than a name is computed by the engine from the variables given: name the variable it reads and give its value.'}</p>
    <div class="dmn-test-inputs">
      ${table.inputs.map((input) => {
        const field = fieldFor(input);
        return html`<div class="dmn-test-input" key=${input.id} data-input-id=${input.id}>
          <span class="dmn-test-label">${input.label}${input.variable ? '' : html` <small>expression <code>${input.expression || '(empty)'}</code></small>`}</span>
          ${input.variable
            ? html`<code class="dmn-test-name">${input.variable}</code> <small class="muted">${field.type}</small>`
            : html`<input type="text" class="dmn-test-name" aria-label=${`Variable ${input.label} reads`} value=${field.name}
                onInput=${(e: Event) => setField(input, { name: (e.target as HTMLInputElement).value })} />
              <select aria-label=${`Type of ${input.label}`} value=${field.type} onChange=${(e: Event) => setField(input, { type: (e.target as HTMLSelectElement).value })}>
                ${EDITABLE_TYPES.map((type) => html`<option value=${type}>${type}</option>`)}
              </select>`}
          ${field.type === 'Boolean'
            ? html`<select aria-label=${`Value of ${input.label}`} value=${field.text} onChange=${(e: Event) => setField(input, { text: (e.target as HTMLSelectElement).value })}>
                <option value="">choose</option><option value="true">true</option><option value="false">false</option>
              </select>`
            : html`<input type=${field.type === 'Date' ? 'datetime-local' : 'text'} aria-label=${`Value of ${input.label}`} value=${field.text}
                onInput=${(e: Event) => setField(input, { text: (e.target as HTMLInputElement).value })} />`}
        </div>`;
      })}
    </div>
    <${ErrorNote} error=${error} />
    ${outcome && html`<div class="dmn-test-outcome" data-testid="dmn-test-outcome">
      ${outcome.results.length === 0
        ? html`<p>No rule matched.</p>`
        : html`<table class="dmn-test-results">
            <thead><tr>${Object.keys(outcome.results[0]!).map((name) => html`<th>${name}</th>`)}</tr></thead>
            <tbody>${outcome.results.map((row) => html`<tr>${Object.values(row).map((value) => html`<td>${displayValue(value)}</td>`)}</tr>`)}</tbody>
          </table>`}
      ${outcome.ruleIds === null
        ? html`<p class="muted">The engine did not tell which rules matched.</p>`
        : html`<p data-testid="dmn-matched-rules">Matched rules: ${outcome.ruleIds.length === 0 ? 'none' : outcome.ruleIds.map((id) => html`<code>${id}</code>${rowOf(id) > 0 ? ` (row ${rowOf(id)}) ` : ' '}`)}</p>`}
    </div>`}
    ${highlight && html`<style>${highlight}</style>`}
  </section>`;
}
