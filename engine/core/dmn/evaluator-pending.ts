import { ParseError } from '../errors/index.js';
import type { DecisionModels } from './decision-models.js';

/**
 * TEMPORARY (issue 15): stands in for the DMN evaluator another branch is writing
 * (engine/core/dmn/index.ts: parseDmn, evaluate). Replace its one use in
 * ./decision-models-default.ts with the real implementation when both branches merge, and
 * delete this file. Until then a DMN resource is refused at deployment with a 400.
 */
export const pendingDecisionModels: DecisionModels = {
  async parse(_xml, resourceName) {
    throw new ParseError(resourceName, [{ elementId: null, message: 'DMN evaluation is not available yet' }], 'DMN resource');
  },
};
