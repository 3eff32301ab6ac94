import type { DecisionDefinition, Deployment, HistoricDecisionInstance, TypedValue, VariableMap } from './engine-types';
import { get, post, queryString } from './http';

/** Deployed DMN decisions and their evaluations (Camunda 7 REST): the designer's and the cockpit's calls. */
const BASE = '/engine-rest';
const id = encodeURIComponent;
type Params = Record<string, string | number | boolean | null | undefined>;

const WITH_VALUES = { includeInputs: true, includeOutputs: true };

export const decisions = {
  list: (params: Params = {}) => get<DecisionDefinition[]>(`${BASE}/decision-definition${queryString({ sortBy: 'version', sortOrder: 'desc', maxResults: 1000, ...params })}`),
  /** the latest version of each key */
  latest: () => get<DecisionDefinition[]>(`${BASE}/decision-definition${queryString({ latestVersion: true, maxResults: 1000 })}`),
  get: (decisionId: string) => get<DecisionDefinition>(`${BASE}/decision-definition/${id(decisionId)}`),
  xml: async (decisionId: string) => (await get<{ dmnXml: string }>(`${BASE}/decision-definition/${id(decisionId)}/xml`)).dmnXml,
  deployment: (deploymentId: string) => get<Deployment>(`${BASE}/deployment/${id(deploymentId)}`),
  /** Camunda's answer: one map per matched rule (or aggregated result), output name → typed value */
  evaluate: (key: string, variables: VariableMap) => post<Record<string, TypedValue>[]>(`${BASE}/decision-definition/key/${id(key)}/evaluate`, { variables }),
};

export const evaluations = {
  /** newest first, with inputs and outputs */
  list: (params: Params) =>
    get<HistoricDecisionInstance[]>(`${BASE}/history/decision-instance${queryString({ sortBy: 'evaluationTime', sortOrder: 'desc', ...WITH_VALUES, ...params })}`),
  count: async (params: Params) => (await get<{ count: number }>(`${BASE}/history/decision-instance/count${queryString(params)}`)).count,
  get: (evaluationId: string) => get<HistoricDecisionInstance>(`${BASE}/history/decision-instance/${id(evaluationId)}${queryString(WITH_VALUES)}`),
  /** the newest evaluation of a decision, with its outputs (the rules that matched) */
  latest: async (key: string) =>
    (await get<HistoricDecisionInstance[]>(`${BASE}/history/decision-instance${queryString({ decisionDefinitionKey: key, includeOutputs: true, sortBy: 'evaluationTime', sortOrder: 'desc', maxResults: 1 })}`))[0] ?? null,
};
