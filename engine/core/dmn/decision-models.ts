import type { XmlLimits } from '../model/xml-guard.js';
import type { DecisionOutcome, DmnDefinitions } from './dmn-api.js';

/** a parsed DMN resource: what it declares, and how to evaluate one of its decisions */
export interface ParsedDecisionModel {
  readonly definitions: DmnDefinitions;
  /** evaluates a decision (its required decisions first) on plain JS inputs */
  evaluate(decisionId: string, variables: Readonly<Record<string, unknown>>, options?: { readonly now?: () => Date }): DecisionOutcome;
}

/**
 * The seam between the engine and the DMN evaluator (engine/core/dmn/dmn-api.ts): deployment,
 * business rule tasks and REST evaluation call only this. Wired in one place
 * (./decision-models-default.ts); unit specs hand the engine a fake.
 */
export interface DecisionModels {
  /** parses and validates a DMN resource; a refused one throws a ParseError naming decision and rule or column */
  parse(xml: string, resourceName: string, options?: DecisionParseOptions): Promise<ParsedDecisionModel>;
}

/** the engine's deployment limits and parse timer, as BPMN resources get them */
export interface DecisionParseOptions {
  readonly limits?: XmlLimits;
  readonly monotonicMs?: () => number;
}
