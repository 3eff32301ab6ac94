import type { DecisionResultMapping } from './dmn-api.js';

type DecisionResult = readonly Readonly<Record<string, unknown>>[];

/** a result that does not fit camunda:mapDecisionResult; the caller names the element */
export class DecisionResultMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionResultMappingError';
  }
}

/**
 * Camunda 7's camunda:mapDecisionResult: what a business rule task's result variable holds.
 * singleEntry: the one output value (null without a match); singleResult: the one output map;
 * collectEntries: the one output's value of every matched rule; resultList: every output map.
 */
export function mapDecisionResult(mapping: DecisionResultMapping, result: DecisionResult): unknown {
  switch (mapping) {
    case 'singleEntry': {
      const single = singleResult(mapping, result);
      if (single === null) return null;
      return singleEntryOf(mapping, single);
    }
    case 'singleResult':
      return singleResult(mapping, result);
    case 'collectEntries':
      return result.map((entry) => singleEntryOf(mapping, entry));
    case 'resultList':
      return result.map((entry) => ({ ...entry }));
  }
}

function singleResult(mapping: DecisionResultMapping, result: DecisionResult): Record<string, unknown> | null {
  if (result.length > 1) {
    throw new DecisionResultMappingError(
      `ENGINE-22001 The decision result mapper '${mapping}' failed to process the result: expected at most one matched rule, but ${result.length} matched (DMN-01011 more than one result)`,
    );
  }
  return result[0] ? { ...result[0] } : null;
}

function singleEntryOf(mapping: DecisionResultMapping, entry: Readonly<Record<string, unknown>>): unknown {
  const names = Object.keys(entry);
  if (names.length > 1) {
    throw new DecisionResultMappingError(
      `ENGINE-22001 The decision result mapper '${mapping}' failed to process the result: expected one output, but found ${names.map((n) => `'${n}'`).join(', ')} (DMN-01010 more than one entry)`,
    );
  }
  return names.length === 0 ? null : entry[names[0]!];
}
