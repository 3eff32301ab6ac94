import { html } from '../../app/html';
import { linkTo } from '../../app/router';
import { decisions, evaluations } from '../../api/decisions';
import type { DecisionDefinition } from '../../api/engine-types';
import { formatDate } from '../../api/variables';
import { ErrorNote, useLoad } from '../../components/common';
import type { ModdleNode } from '../../model/definition-model';
import { EvaluationValues, evaluationHref, matchedRuleIds } from './decision-evaluation';
import { ruleIndex, ruleText, type RuleIndex } from './decision-rules';

interface Props {
  readonly instanceId: string;
  /** the instance's process model: activity names */
  readonly elements: ReadonlyMap<string, ModdleNode>;
  /** changes when the instance page reloads: the panel reloads too */
  readonly refreshKey: string;
}

/** The decisions an instance evaluated (business rule tasks, and the decisions they required), oldest first, each linking to its evaluation. */
export function DecisionsPanel({ instanceId, elements, refreshKey }: Props) {
  const loaded = useLoad(async () => {
    const rows = await evaluations.list({ processInstanceId: instanceId, sortOrder: 'asc', maxResults: 500 });
    const ids = [...new Set(rows.map((r) => r.decisionDefinitionId))];
    const defs = ids.length > 0 ? await decisions.list({ decisionDefinitionIdIn: ids.join(',') }) : [];
    // the rules' positions in their tables (the history's ruleOrder counts matched rules only)
    const tables = await Promise.all(defs.map(async (d): Promise<readonly [string, RuleIndex]> => [d.id, ruleIndex(await decisions.xml(d.id).catch(() => ''), d.key)]));
    return { rows, defs: new Map<string, DecisionDefinition>(defs.map((d) => [d.id, d])), tables: new Map(tables) };
  }, [instanceId, refreshKey]);
  if (loaded.error) return html`<${ErrorNote} error=${loaded.error} />`;
  if (!loaded.data) return html`<p class="muted">Loading…</p>`;
  const { rows, defs, tables } = loaded.data;
  return html`<div data-testid="decisions-panel">
    ${rows.length > 0 && html`<table class="evaluations">
      <thead><tr><th>Decision</th><th>Activity</th><th>Evaluated</th><th>Inputs → outputs</th><th>Matched rules</th></tr></thead>
      <tbody>${rows.map((row) => {
        const def = defs.get(row.decisionDefinitionId);
        const link = evaluationHref(row);
        const rules = matchedRuleIds(row);
        return html`<tr data-evaluation-id=${row.id} data-decision=${row.decisionDefinitionKey}>
          <td><a href=${link} onClick=${linkTo(link)} data-testid="decision-link">${def?.name ?? row.decisionDefinitionName ?? row.decisionDefinitionKey}${def && ` v${def.version}`}</a>
            ${row.rootDecisionInstanceId && html` <span class="muted">(required)</span>`}</td>
          <td>${row.activityId ? ((elements.get(row.activityId)?.name as string | undefined) ?? row.activityId) : ''}</td>
          <td>${formatDate(row.evaluationTime)}</td>
          <td><${EvaluationValues} evaluation=${row} /></td>
          <td data-testid="matched-rules">${rules.length === 0 ? html`<em>none</em>` : rules.map((r, n) => html`${n > 0 && ', '}<span title=${r}>${ruleText(r, tables.get(row.decisionDefinitionId) ?? null)}</span>`)}</td>
        </tr>`;
      })}</tbody>
    </table>`}
    ${rows.length === 0 && html`<p class="muted" data-testid="no-decisions-evaluated">This instance has evaluated no decisions yet.</p>`}
  </div>`;
}
