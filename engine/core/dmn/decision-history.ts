import { formatCamundaDate, inferTypedValue } from '../variables/index.js';
import type { DecisionOutcome } from './dmn-api.js';
import type { DecisionDefinitionRecord, HistoricDecisionInstanceRecord, HistoricDecisionValue } from './decision-records.js';

/** where an evaluation happened: a business rule task of a process instance, or none (REST) */
export interface EvaluationSite {
  readonly processDefinitionId: string;
  readonly processDefinitionKey: string;
  readonly processInstanceId: string;
  readonly activityId: string;
  readonly activityInstanceId: string;
}

export interface EvaluationContext {
  /** the decision asked for */
  readonly definition: DecisionDefinitionRecord;
  /** the decisions deployed with it, for the required ones */
  readonly deployedWith: readonly DecisionDefinitionRecord[];
  readonly site: EvaluationSite | null;
  readonly userId: string | null;
  readonly now: Date;
  readonly newId: () => string;
}

/** one history row per evaluated decision: the one asked for (the root) and each it required */
export function decisionHistoryOf(outcome: DecisionOutcome, context: EvaluationContext): HistoricDecisionInstanceRecord[] {
  const rootId = context.newId();
  const byKey = new Map(context.deployedWith.map((d) => [d.key, d]));
  const last = outcome.evaluations.length - 1;
  return outcome.evaluations.map((evaluation, index) => {
    const isRoot = index === last;
    const definition = isRoot ? context.definition : (byKey.get(evaluation.decisionId) ?? context.definition);
    const id = isRoot ? rootId : context.newId();
    return {
      id,
      decisionDefinitionId: definition.id,
      decisionDefinitionKey: evaluation.decisionId,
      decisionDefinitionName: evaluation.decisionName ?? definition.name,
      decisionRequirementsDefinitionId: definition.decisionRequirementsDefinitionId,
      decisionRequirementsDefinitionKey: definition.decisionRequirementsDefinitionKey,
      evaluationTime: context.now,
      processDefinitionId: context.site?.processDefinitionId ?? null,
      processDefinitionKey: context.site?.processDefinitionKey ?? null,
      processInstanceId: context.site?.processInstanceId ?? null,
      activityId: context.site?.activityId ?? null,
      activityInstanceId: context.site?.activityInstanceId ?? null,
      rootDecisionInstanceId: isRoot ? null : rootId,
      inputs: evaluation.inputs.map((input) => ({ id: context.newId(), clauseId: input.id, clauseName: input.label, ...historicValue(input.value) })),
      outputs: evaluation.matchedRules.flatMap((rule, ruleIndex) => rule.outputs.map((output) => ({
        id: context.newId(),
        clauseId: output.id,
        clauseName: output.label,
        ruleId: rule.ruleId,
        ruleOrder: ruleIndex + 1,
        variableName: output.name,
        ...historicValue(output.value),
      }))),
      collectResultValue: evaluation.collectResultValue === null || evaluation.collectResultValue === undefined ? null : historicValue(evaluation.collectResultValue),
      userId: context.userId,
      tenantId: definition.tenantId,
    };
  });
}

/** a value as history keeps it: Camunda's type and a JSON value (dates as Camunda's date text) */
export function historicValue(value: unknown): HistoricDecisionValue {
  try {
    const typed = inferTypedValue(value);
    if (typed.type === 'Date' && typed.value instanceof Date) return { type: 'Date', value: formatCamundaDate(typed.value) };
    if (typed.type === 'Bytes') return { type: 'Bytes', value: null };
    if (typeof typed.value === 'bigint') return { type: typed.type, value: String(typed.value) };
    return { type: typed.type, value: typed.value };
  } catch {
    return { type: 'String', value: String(value) };
  }
}
