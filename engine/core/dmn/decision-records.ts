/** Camunda's decision definition: one decision of a deployed DMN resource, versioned per key and tenant */
export interface DecisionDefinitionRecord {
  /** `key:version:uuid`, as process definitions */
  readonly id: string;
  /** the decision's id in the DMN */
  readonly key: string;
  readonly version: number;
  readonly name: string | null;
  readonly versionTag: string | null;
  /** the DMN definitions' namespace */
  readonly category: string | null;
  readonly deploymentId: string;
  readonly resourceName: string;
  readonly tenantId: string | null;
  readonly historyTimeToLive: number | null;
  readonly decisionRequirementsDefinitionId: string;
  readonly decisionRequirementsDefinitionKey: string;
}

/** one DMN resource's `definitions`: the decisions deployed together (Camunda's DRD) */
export interface DecisionRequirementsDefinitionRecord {
  readonly id: string;
  /** the `definitions` id */
  readonly key: string;
  readonly version: number;
  readonly name: string | null;
  readonly category: string | null;
  readonly deploymentId: string;
  readonly resourceName: string;
  readonly tenantId: string | null;
}

/** a value in decision history: typed as Camunda types it (String, Integer, Double, Boolean, Json, Null, ...) */
export interface HistoricDecisionValue {
  readonly type: string;
  readonly value: unknown;
}

export interface HistoricDecisionInput extends HistoricDecisionValue {
  readonly id: string;
  readonly clauseId: string;
  readonly clauseName: string | null;
}

export interface HistoricDecisionOutput extends HistoricDecisionValue {
  readonly id: string;
  readonly clauseId: string;
  readonly clauseName: string | null;
  readonly ruleId: string;
  /** 1-based position of the rule among the matched rules, as Camunda */
  readonly ruleOrder: number;
  readonly variableName: string | null;
}

/** one evaluated decision (the one asked for, or one it required) */
export interface HistoricDecisionInstanceRecord {
  readonly id: string;
  readonly decisionDefinitionId: string;
  readonly decisionDefinitionKey: string;
  readonly decisionDefinitionName: string | null;
  readonly decisionRequirementsDefinitionId: string;
  readonly decisionRequirementsDefinitionKey: string;
  readonly evaluationTime: Date;
  /** null when evaluated outside a process (REST evaluate) */
  readonly processDefinitionId: string | null;
  readonly processDefinitionKey: string | null;
  readonly processInstanceId: string | null;
  readonly activityId: string | null;
  readonly activityInstanceId: string | null;
  /** the decision asked for; null on that one itself */
  readonly rootDecisionInstanceId: string | null;
  readonly inputs: readonly HistoricDecisionInput[];
  readonly outputs: readonly HistoricDecisionOutput[];
  readonly collectResultValue: HistoricDecisionValue | null;
  readonly userId: string | null;
  readonly tenantId: string | null;
}
