import type { DecisionModels } from './decision-models.js';
import { pendingDecisionModels } from './evaluator-pending.js';

/**
 * The one place the engine's DMN seam meets the evaluator. TEMPORARY: the pending stand-in; on
 * merge with the evaluator's branch this becomes
 * `{ parse: async (xml, resourceName) => parseDmn(xml, resourceName) }` (from './index.js').
 */
export const defaultDecisionModels: DecisionModels = pendingDecisionModels;
