import type { DecisionModels } from './decision-models.js';
import { parseDmn } from './parse-dmn.js';

/** The one place the engine's DMN seam meets the evaluator (parse-dmn.ts). */
export const defaultDecisionModels: DecisionModels = {
  parse: async (xml, resourceName, options) => parseDmn(xml, resourceName, options),
};
