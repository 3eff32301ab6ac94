/**
 * The DMN engine (issue 15): pure, no I/O. `parseDmn(xml, resourceName)` reads, validates and
 * compiles a DMN resource once (ParseError, subject 'DMN decision model', on a bad one); its
 * `evaluate(decisionId, variables, { now })` runs a decision and the decisions it requires, many
 * times. Evaluation failures are DecisionEvaluationError (an ExecutionError: 400), an unknown
 * decision id NotFoundError.
 */
export type { DecisionEvaluation, DecisionOutcome, DecisionResultMapping, DmnColumn, DmnDecision, DmnDefinitions } from './dmn-api.js';
export { DecisionEvaluationError, type DecisionErrorSite } from './dmn-errors.js';
export { DMN_LIMITS } from './dmn-limits.js';
export type { EvaluateOptions } from './evaluate-decision.js';
export { isDmnResource, parseDmn, type CompiledDmn, type ParseDmnOptions } from './parse-dmn.js';
