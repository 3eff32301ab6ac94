import type { DmnDecision } from './dmn-api.js';
import type { DmnExpression, DmnUnaryTests } from './dmn-expressions.js';

/** The executable form of a DMN resource's decisions, built once at parse. */
export interface CompiledDecision {
  readonly decision: DmnDecision;
  readonly logic: CompiledTable | CompiledLiteral;
}

export interface CompiledTable {
  readonly kind: 'decisionTable';
  readonly hitPolicy: HitPolicy;
  readonly aggregation: Aggregation | null;
  readonly inputs: readonly CompiledInput[];
  readonly outputs: readonly CompiledOutput[];
  readonly rules: readonly CompiledRule[];
}

export const HIT_POLICIES = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'] as const;
export type HitPolicy = (typeof HIT_POLICIES)[number];
export const AGGREGATIONS = ['SUM', 'MIN', 'MAX', 'COUNT'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export interface CompiledInput {
  readonly id: string;
  readonly label: string | null;
  readonly typeRef: string | null;
  readonly expression: DmnExpression;
  /** camunda:inputVariable: the name input entries see the input's value by (default cellInput) */
  readonly inputVariable: string;
  /** inputValues: the values the input may take */
  readonly allowed: DmnUnaryTests | null;
}

export interface CompiledOutput {
  readonly id: string;
  readonly label: string | null;
  /** the result's key: the output's name (a single nameless output: the decision's variable name or id) */
  readonly name: string;
  readonly typeRef: string | null;
  /** outputValues in their order: the values an output may take; PRIORITY and OUTPUT ORDER rank by it */
  readonly allowedValues: readonly unknown[] | null;
}

export interface CompiledRule {
  readonly id: string;
  /** one per input; null: any value (`-` or empty) */
  readonly inputEntries: readonly (DmnUnaryTests | null)[];
  /** one per output; null: an empty output entry, the value null */
  readonly outputEntries: readonly (DmnExpression | null)[];
}

export interface CompiledLiteral {
  readonly kind: 'literalExpression';
  /** the decision's variable: the result's key */
  readonly variableName: string;
  readonly typeRef: string | null;
  readonly expression: DmnExpression;
}
