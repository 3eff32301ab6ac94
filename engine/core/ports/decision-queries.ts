import type { DecisionDefinitionRecord, DecisionRequirementsDefinitionRecord, HistoricDecisionInstanceRecord } from '../dmn/decision-records.js';
import type { Filter, ListQuery } from './engine-queries.js';

/**
 * The read side of DMN decisions behind the REST API (filters named like Camunda's query
 * parameters, as EngineQueries). Decision history takes `visibleTo` like the other history
 * queries: a viewer sees evaluations of the process instances they see, and only their own
 * outside a process (REST evaluate).
 */
export interface DecisionQueries {
  decisionDefinitions(query: ListQuery): Promise<DecisionDefinitionRecord[]>;
  countDecisionDefinitions(filter: Filter): Promise<number>;
  requirementsDefinitions(query: ListQuery): Promise<DecisionRequirementsDefinitionRecord[]>;
  countRequirementsDefinitions(filter: Filter): Promise<number>;
  /** the DMN resource a decision (or decision requirements) definition was deployed from; null when there is none */
  dmnXml(kind: 'decision' | 'requirements', id: string): Promise<string | null>;
  historicDecisionInstances(query: ListQuery): Promise<HistoricDecisionInstanceRecord[]>;
  countHistoricDecisionInstances(filter: Filter): Promise<number>;
}
