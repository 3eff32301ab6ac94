/**
 * The DMN engine's surface (issue 15): what deployment, the business rule task, REST and history
 * use. The implementation lives beside this file (parse-dmn.ts, evaluate-decision.ts, ...); this
 * file holds only the shapes, so callers and the evaluator can grow separately.
 */

/** a parsed, validated DMN resource (DMN 1.3; 1.1 and 1.2 files are migrated to 1.3 first) */
export interface DmnDefinitions {
  /** the `definitions` id: the decision requirements definition's key */
  readonly id: string;
  readonly name: string | null;
  readonly namespace: string;
  readonly decisions: readonly DmnDecision[];
}

export interface DmnDecision {
  /** the decision's id: its key */
  readonly id: string;
  readonly name: string | null;
  /** camunda:versionTag */
  readonly versionTag: string | null;
  /** camunda:historyTimeToLive, in days */
  readonly historyTimeToLive: number | null;
  /** ids of the decisions this one requires (informationRequirement/requiredDecision), evaluated first */
  readonly requiredDecisions: readonly string[];
  readonly kind: 'decisionTable' | 'literalExpression';
  /** for a decision table: its inputs and outputs, as the cockpit and the designer's test panel show them */
  readonly inputs: readonly DmnColumn[];
  readonly outputs: readonly DmnColumn[];
  /** UNIQUE, FIRST, PRIORITY, ANY, COLLECT, RULE ORDER, OUTPUT ORDER; null for a literal expression */
  readonly hitPolicy: string | null;
  /** COLLECT's SUM, MIN, MAX or COUNT */
  readonly aggregation: string | null;
  readonly ruleIds: readonly string[];
}

export interface DmnColumn {
  readonly id: string;
  readonly label: string | null;
  /** an output's name (the result's key); an input's expression text */
  readonly name: string | null;
  readonly typeRef: string | null;
}

/** what one evaluation returns: the result of the decision asked for, and every decision evaluated on the way */
export interface DecisionOutcome {
  /** one entry per matched rule (or one aggregated entry for COLLECT with an aggregation): output name → value */
  readonly result: readonly Readonly<Record<string, unknown>>[];
  /** required decisions first, the one asked for last: what history records */
  readonly evaluations: readonly DecisionEvaluation[];
}

export interface DecisionEvaluation {
  readonly decisionId: string;
  readonly decisionName: string | null;
  readonly hitPolicy: string | null;
  readonly aggregation: string | null;
  readonly inputs: readonly { readonly id: string; readonly label: string | null; readonly typeRef: string | null; readonly value: unknown }[];
  readonly matchedRules: readonly {
    readonly ruleId: string;
    readonly outputs: readonly { readonly id: string; readonly name: string | null; readonly label: string | null; readonly typeRef: string | null; readonly value: unknown }[];
  }[];
  /** COLLECT with an aggregation: the aggregated value */
  readonly collectResultValue: unknown;
  /** this decision's result, as DecisionOutcome.result */
  readonly result: readonly Readonly<Record<string, unknown>>[];
}

/** Camunda 7's camunda:mapDecisionResult */
export type DecisionResultMapping = 'singleEntry' | 'singleResult' | 'collectEntries' | 'resultList';
