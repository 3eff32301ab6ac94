import { METER_PREFIX } from '../expressions/feel/feel-instrument.js';
import { isForbiddenName } from '../expressions/security.js';
import type { ModdleElement } from '../model/moddle-reader.js';
import type { DecisionErrorSite } from './dmn-errors.js';
import { describeSyntaxError } from './dmn-expressions.js';
import type { DmnIssues } from './dmn-issues.js';
import { DMN_LIMITS } from './dmn-limits.js';

/** compiles one text; on a problem records an issue and answers undefined */
export function compileText<T>(
  text: string,
  context: { readonly decisionId: string; readonly issues: DmnIssues },
  site: DecisionErrorSite,
  what: string,
  compile: (text: string) => T,
): T | undefined {
  if (text.length > DMN_LIMITS.maxTextLength) {
    context.issues.add(context.decisionId, `Expected the ${what} to have at most ${DMN_LIMITS.maxTextLength} characters, but it has ${text.length}`, site);
    return undefined;
  }
  try {
    return compile(text);
  } catch (error) {
    context.issues.add(context.decisionId, `Expected a valid ${what}, but '${excerpt(text)}' is not: ${describeSyntaxError(error)}`, site);
    return undefined;
  }
}

export function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}

/** names no variable may have: they reach into JS prototypes or the engine's metering (see isForbiddenName) */
export function isReservedName(name: string): boolean {
  return isForbiddenName(name) || name.startsWith(METER_PREFIX);
}

export function many(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}
