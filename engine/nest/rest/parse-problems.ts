import type { ParseIssue } from '../../core/errors/index.js';

/**
 * Camunda 7's Problem (ParseException `details`): message, line, column, mainElementId, elementIds.
 * Positions are not tracked (0). `rule` and `section` are ours: the deploy-time rule that found it and
 * where BPMN 2.0 states it (README, *Deploy-time validation*); absent for checks without a rule id.
 */
export function problemDto(issue: ParseIssue): Record<string, unknown> {
  return {
    message: issue.message,
    line: 0,
    column: 0,
    mainElementId: issue.elementId,
    elementIds: issue.elementId ? [issue.elementId] : [],
    ...(issue.rule ? { rule: issue.rule, section: issue.section ?? null } : {}),
  };
}

/** a deployment's warnings by resource, each a list of problems */
export function warningsDto(warnings: Readonly<Record<string, readonly ParseIssue[]>>): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(warnings).map(([resource, issues]) => [resource, issues.map(problemDto)]));
}
