import { html } from '../../app/html';
import { href } from '../../app/router';
import type { EvaluatedInput, EvaluatedOutput, HistoricDecisionInstance } from '../../api/engine-types';
import { displayValue } from '../../api/variables';
import { ruleText, type RuleIndex } from './decision-rules';

/** the decision page with this evaluation selected */
export function evaluationHref(evaluation: Pick<HistoricDecisionInstance, 'id' | 'decisionDefinitionId'>): string {
  return href('/cockpit/decision', { id: evaluation.decisionDefinitionId, evaluation: evaluation.id });
}

/** the ids of the rules an evaluation matched, in the order they matched (history keeps a row per output of each) */
export function matchedRuleIds(evaluation: HistoricDecisionInstance): string[] {
  return [...new Set((evaluation.outputs ?? []).map((o) => o.ruleId))];
}

const inputName = (input: EvaluatedInput) => input.clauseName || input.clauseId;
const outputName = (output: EvaluatedOutput) => output.variableName || output.clauseName || output.clauseId;
const valueText = (v: { type: string; value: unknown }) => (v.value === null || v.value === undefined ? 'null' : displayValue(v));

/** "amount = 1200, region = north → discount = 0.1": what went in and what came out */
export function EvaluationValues({ evaluation }: { evaluation: HistoricDecisionInstance }) {
  const inputs = evaluation.inputs ?? [];
  const outputs = evaluation.outputs ?? [];
  return html`<span class="evaluation-io" data-testid="evaluation-values">
    <span data-testid="evaluation-inputs">${inputs.length === 0 ? html`<em>no inputs</em>` : inputs.map((i, n) => html`${n > 0 && ', '}<code title=${i.type}>${inputName(i)} = ${valueText(i)}</code>`)}</span>
    <span class="arrow">→</span>
    <span data-testid="evaluation-outputs">${outputs.length === 0 ? html`<em>no rule matched</em>` : outputs.map((o, n) => html`${n > 0 && ', '}<code title=${o.type}>${outputName(o)} = ${valueText(o)}</code>`)}</span>
  </span>`;
}

/** an evaluation's inputs and outputs as two tables (the output rows name the rule they came from) */
export function EvaluationDetail({ evaluation, rules }: { evaluation: HistoricDecisionInstance; rules: RuleIndex | null }) {
  return html`<div class="evaluation-detail" data-testid="evaluation-detail" data-evaluation-id=${evaluation.id}>
    <div>
      <h3>Inputs</h3>
      <table data-testid="evaluation-input-table"><thead><tr><th>Input</th><th>Type</th><th>Value</th></tr></thead>
      <tbody>${(evaluation.inputs ?? []).map((i) => html`<tr><td title=${i.clauseId}>${inputName(i)}</td><td>${i.type}</td><td><code>${valueText(i)}</code></td></tr>`)}</tbody></table>
      ${(evaluation.inputs ?? []).length === 0 && html`<p class="muted">No inputs.</p>`}
    </div>
    <div>
      <h3>Outputs</h3>
      <table data-testid="evaluation-output-table"><thead><tr><th>Rule</th><th>Output</th><th>Type</th><th>Value</th></tr></thead>
      <tbody>${(evaluation.outputs ?? []).map((o) => html`<tr><td title=${o.ruleId}>${ruleText(o.ruleId, rules)}</td><td>${outputName(o)}</td><td>${o.type}</td><td><code>${valueText(o)}</code></td></tr>`)}</tbody></table>
      ${(evaluation.outputs ?? []).length === 0 && html`<p class="muted">No rule matched.</p>`}
    </div>
  </div>`;
}
