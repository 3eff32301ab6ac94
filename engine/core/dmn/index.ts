export type { DecisionEvaluation, DecisionOutcome, DecisionResultMapping, DmnColumn, DmnDecision, DmnDefinitions } from './dmn-api.js';
export { DecisionEvaluationError, type DecisionErrorSite } from './dmn-errors.js';
export { DMN_LIMITS } from './dmn-limits.js';
export type { EvaluateOptions } from './evaluate-decision.js';
export { isDmnResource, parseDmn, type CompiledDmn, type ParseDmnOptions } from './parse-dmn.js';
