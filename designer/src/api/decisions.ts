import type { Deployment } from './engine-types';
import { get, queryString } from './http';

/** The cockpit's calls for deployed DMN decisions and their evaluations (Camunda 7 REST). */
const BASE = '/engine-rest';
const id = encodeURIComponent;
type Params = Record<string, string | number | boolean | null | undefined>;

/** GET /decision-definition */
export interface DeployedDecision {
  id: string;
  key: string;
  name: string | null;
  version: number;
  versionTag: string | null;
  deploymentId: string;
  resource: string | null;
  decisionRequirementsDefinitionKey: string | null;
}

export interface EvaluatedInput {
  clauseId: string;
  clauseName: string | null;
  type: string;
  value: unknown;
}

export interface EvaluatedOutput {
  clauseId: string;
  clauseName: string | null;
  ruleId: string;
  ruleOrder: number | null;
  variableName: string | null;
  type: string;
  value: unknown;
}

/** GET /history/decision-instance with includeInputs and includeOutputs: one evaluated decision */
export interface DecisionEvaluation {
  id: string;
  decisionDefinitionId: string;
  decisionDefinitionKey: string;
  decisionDefinitionName: string | null;
  evaluationTime: string;
  processDefinitionId: string | null;
  processDefinitionKey: string | null;
  processInstanceId: string | null;
  activityId: string | null;
  rootDecisionInstanceId: string | null;
  inputs: EvaluatedInput[] | null;
  outputs: EvaluatedOutput[] | null;
}

const WITH_VALUES = { includeInputs: true, includeOutputs: true };

export const decisions = {
  list: (params: Params = {}) => get<DeployedDecision[]>(`${BASE}/decision-definition${queryString({ sortBy: 'version', sortOrder: 'desc', maxResults: 1000, ...params })}`),
  get: (decisionId: string) => get<DeployedDecision>(`${BASE}/decision-definition/${id(decisionId)}`),
  xml: async (decisionId: string) => (await get<{ dmnXml: string }>(`${BASE}/decision-definition/${id(decisionId)}/xml`)).dmnXml,
  deployment: (deploymentId: string) => get<Deployment>(`${BASE}/deployment/${id(deploymentId)}`),
};

export const evaluations = {
  /** newest first, with inputs and outputs */
  list: (params: Params) =>
    get<DecisionEvaluation[]>(`${BASE}/history/decision-instance${queryString({ sortBy: 'evaluationTime', sortOrder: 'desc', ...WITH_VALUES, ...params })}`),
  count: async (params: Params) => (await get<{ count: number }>(`${BASE}/history/decision-instance/count${queryString(params)}`)).count,
  get: (evaluationId: string) => get<DecisionEvaluation>(`${BASE}/history/decision-instance/${id(evaluationId)}${queryString(WITH_VALUES)}`),
};
