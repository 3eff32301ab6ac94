import type {
  DecisionDefinitionRecord, DecisionRequirementsDefinitionRecord, HistoricDecisionInstanceRecord, HistoricDecisionValue,
} from '../../core/dmn/decision-records.js';
import { inferTypedValue, toDto, type RenderedVariableValueDto } from '../../core/variables/index.js';
import { date } from './camunda-dtos.js';

export function decisionDefinitionDto(d: DecisionDefinitionRecord) {
  return {
    id: d.id,
    key: d.key,
    category: d.category,
    name: d.name,
    version: d.version,
    resource: d.resourceName,
    deploymentId: d.deploymentId,
    decisionRequirementsDefinitionId: d.decisionRequirementsDefinitionId,
    decisionRequirementsDefinitionKey: d.decisionRequirementsDefinitionKey,
    tenantId: d.tenantId,
    versionTag: d.versionTag,
    historyTimeToLive: d.historyTimeToLive,
  };
}

export function requirementsDefinitionDto(r: DecisionRequirementsDefinitionRecord) {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    category: r.category,
    version: r.version,
    resource: r.resourceName,
    deploymentId: r.deploymentId,
    tenantId: r.tenantId,
  };
}

/** Camunda's HistoricDecisionInstanceDto; inputs and outputs only when asked for (null otherwise, as Camunda) */
export function historicDecisionInstanceDto(h: HistoricDecisionInstanceRecord, include: { readonly inputs: boolean; readonly outputs: boolean }) {
  const evaluationTime = date(h.evaluationTime);
  return {
    id: h.id,
    decisionDefinitionId: h.decisionDefinitionId,
    decisionDefinitionKey: h.decisionDefinitionKey,
    decisionDefinitionName: h.decisionDefinitionName,
    evaluationTime,
    removalTime: null,
    processDefinitionId: h.processDefinitionId,
    processDefinitionKey: h.processDefinitionKey,
    processInstanceId: h.processInstanceId,
    rootProcessInstanceId: h.processInstanceId,
    caseDefinitionId: null,
    caseDefinitionKey: null,
    caseInstanceId: null,
    activityId: h.activityId,
    activityInstanceId: h.activityInstanceId,
    userId: h.userId,
    tenantId: h.tenantId,
    inputs: include.inputs
      ? h.inputs.map((i) => ({
        id: i.id, decisionInstanceId: h.id, clauseId: i.clauseId, clauseName: i.clauseName, errorMessage: null,
        ...historicValueDto(i), createTime: evaluationTime, removalTime: null, rootProcessInstanceId: h.processInstanceId,
      }))
      : null,
    outputs: include.outputs
      ? h.outputs.map((o) => ({
        id: o.id, decisionInstanceId: h.id, clauseId: o.clauseId, clauseName: o.clauseName, ruleId: o.ruleId, ruleOrder: o.ruleOrder,
        variableName: o.variableName, errorMessage: null, ...historicValueDto(o), createTime: evaluationTime, removalTime: null,
        rootProcessInstanceId: h.processInstanceId,
      }))
      : null,
    collectResultValue: h.collectResultValue?.value ?? null,
    rootDecisionInstanceId: h.rootDecisionInstanceId,
    decisionRequirementsDefinitionId: h.decisionRequirementsDefinitionId,
    decisionRequirementsDefinitionKey: h.decisionRequirementsDefinitionKey,
  };
}

function historicValueDto(v: HistoricDecisionValue): { type: string; value: unknown; valueInfo: Record<string, unknown> } {
  return { type: v.type, value: v.value, valueInfo: {} };
}

/** an evaluation's result as Camunda answers it: per matched rule, each output as a typed value */
export function decisionResultDto(result: readonly Readonly<Record<string, unknown>>[]): Record<string, RenderedVariableValueDto>[] {
  return result.map((entry) => Object.fromEntries(Object.entries(entry).map(([name, value]) => [name, typedOutput(name, value)])));
}

function typedOutput(name: string, value: unknown): RenderedVariableValueDto {
  try {
    return toDto(inferTypedValue(value, name));
  } catch {
    return { type: 'String', value: String(value), valueInfo: {} };
  }
}
