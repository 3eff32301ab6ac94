import { html } from '../../app/html';
import { href, linkTo, setQuery } from '../../app/router';
import { decisions, evaluations } from '../../api/decisions';
import type { HistoricDecisionInstance } from '../../api/engine-types';
import { formatDate } from '../../api/variables';
import { ErrorNote, Section, useLoad } from '../../components/common';
import { Facts } from '../../components/text';
import { definitionModel, type DefinitionModel } from '../../model/definition-model';
import { DecisionTableViewer } from './decision-table-viewer';
import { EvaluationDetail, EvaluationValues, evaluationHref, matchedRuleIds } from './decision-evaluation';
import { ruleIndex, ruleText } from './decision-rules';

export const EVALUATIONS_PER_PAGE = 20;

/** One decision definition: its table (dmn-js, read-only), the history of its evaluations, one evaluation's matched rules. */
export function DecisionPage({ id, query }: { id: string; query: URLSearchParams }) {
  const selectedId = query.get('evaluation');
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const loaded = useLoad(async () => {
    const [decision, xml] = await Promise.all([decisions.get(id), decisions.xml(id)]);
    const deployment = await decisions.deployment(decision.deploymentId).catch(() => null);
    return { decision, xml, deployment, rules: ruleIndex(xml, decision.key) };
  }, [id]);
  const history = useLoad(async () => {
    const [rows, count] = await Promise.all([
      evaluations.list({ decisionDefinitionId: id, firstResult: (page - 1) * EVALUATIONS_PER_PAGE, maxResults: EVALUATIONS_PER_PAGE }),
      evaluations.count({ decisionDefinitionId: id }),
    ]);
    return { rows, count, models: await processModels(rows) };
  }, [id, page]);
  const selected = useLoad(async () => {
    if (!selectedId) return null;
    const row = await evaluations.get(selectedId);
    return { row, model: (await processModels([row])).get(row.processDefinitionId ?? '') ?? null };
  }, [selectedId]);

  const decision = loaded.data?.decision;
  const evaluation = selected.data?.row.decisionDefinitionId === id ? selected.data.row : null;
  const matched = evaluation ? matchedRuleIds(evaluation) : [];
  const rules = loaded.data?.rules ?? null;
  const count = history.data?.count ?? 0;
  const pages = Math.max(1, Math.ceil(count / EVALUATIONS_PER_PAGE));
  const otherVersions = href('/cockpit/decisions', { key: decision?.key });

  return html`<div class="decision-page" data-testid="decision-page">
    <${Section} title=${decision ? `${decision.name ?? decision.key} v${decision.version}` : 'Decision'}
      actions=${html`<a href=${otherVersions} onClick=${linkTo(otherVersions)}>all versions</a>`}>
      <${ErrorNote} error=${loaded.error} />
      ${decision && html`<${Facts} testId="decision-facts" items=${[
        html`key <code>${decision.key}</code>`,
        decision.versionTag && `version tag ${decision.versionTag}`,
        html`deployment ${loaded.data?.deployment?.name ?? html`<code>${decision.deploymentId.slice(0, 8)}</code>`}${loaded.data?.deployment ? ` (${formatDate(loaded.data.deployment.deploymentTime)})` : ''}`,
        decision.resource,
      ]} />`}
      <${DecisionTableViewer} xml=${loaded.data?.xml ?? null} decisionKey=${decision?.key ?? ''} matchedRuleIds=${matched} />
      <p class="muted" data-testid="matched-rules">${evaluation
        ? matched.length > 0 ? `Green: the ${matched.length === 1 ? 'rule' : 'rules'} the selected evaluation matched (${matched.map((r) => ruleText(r, rules)).join(', ')}).` : 'The selected evaluation matched no rule.'
        : 'Select an evaluation below to see the rules it matched.'}</p>
    <//>
    ${evaluation && html`<${Section} title=${`Evaluation of ${formatDate(evaluation.evaluationTime)}`}
      actions=${html`<button type="button" class="link" onClick=${() => setQuery({ evaluation: null })}>clear selection</button>`}>
      <${Facts} items=${[processLink(evaluation, selected.data!.model), evaluation.activityId && `activity ${activityName(evaluation, selected.data!.model)}`]} />
      <${EvaluationDetail} evaluation=${evaluation} rules=${rules} />
    <//>`}
    <${ErrorNote} error=${selected.error} />
    <${Section} title=${`Evaluations (${count})`} actions=${html`<button type="button" onClick=${history.reload}>Refresh</button>`}>
      <${ErrorNote} error=${history.error} />
      <table class="evaluations" data-testid="evaluations">
        <thead><tr><th>Evaluated</th><th>Process instance</th><th>Activity</th><th>Inputs → outputs</th></tr></thead>
        <tbody>${(history.data?.rows ?? []).map((row) => {
          const model = row.processDefinitionId ? history.data!.models.get(row.processDefinitionId) ?? null : null;
          const link = evaluationHref(row);
          return html`<tr data-evaluation-id=${row.id} class=${row.id === selectedId ? 'selected' : ''}>
            <td><a href=${link} onClick=${(e: MouseEvent) => { e.preventDefault(); setQuery({ evaluation: row.id }); }}>${formatDate(row.evaluationTime)}</a></td>
            <td>${processLink(row, model)}</td>
            <td>${activityName(row, model)}</td>
            <td><${EvaluationValues} evaluation=${row} /></td>
          </tr>`;
        })}</tbody>
      </table>
      ${history.data && count === 0 && html`<p class="muted" data-testid="no-evaluations">No evaluations yet.</p>`}
      ${pages > 1 && html`<div class="pager" data-testid="evaluations-pager">
        <button type="button" disabled=${page <= 1} onClick=${() => setQuery({ page: page - 1 > 1 ? String(page - 1) : null })}>Newer</button>
        <span>page ${page} of ${pages}</span>
        <button type="button" disabled=${page >= pages} onClick=${() => setQuery({ page: String(page + 1) })}>Older</button>
      </div>`}
    <//>
  </div>`;
}

/** the models of the processes the evaluations ran in (activity and process names); a model that cannot be read is left out */
async function processModels(rows: readonly HistoricDecisionInstance[]): Promise<Map<string, DefinitionModel>> {
  const ids = [...new Set(rows.map((r) => r.processDefinitionId).filter((d): d is string => !!d))];
  const models = await Promise.all(ids.map((d) => definitionModel(d).then((m) => [d, m] as const, () => null)));
  return new Map(models.filter((m): m is readonly [string, DefinitionModel] => m !== null));
}

function activityName(row: HistoricDecisionInstance, model: DefinitionModel | null): string {
  if (!row.activityId) return '';
  return (model?.elements.get(row.activityId)?.name as string | undefined) ?? row.activityId;
}

function processLink(row: HistoricDecisionInstance, model: DefinitionModel | null) {
  if (!row.processInstanceId) return html`<em>outside a process (REST)</em>`;
  const link = href('/cockpit/instance', { id: row.processInstanceId });
  const processName = (model?.processKey ? (model.elements.get(model.processKey)?.name as string | undefined) : undefined) ?? row.processDefinitionKey ?? 'instance';
  return html`<a href=${link} onClick=${linkTo(link)} data-testid="evaluation-instance">${processName} · <code>${row.processInstanceId.slice(0, 8)}</code></a>`;
}
