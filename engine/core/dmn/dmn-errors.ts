import { ExecutionError } from '../errors/index.js';

/** where in a decision an evaluation failed */
export interface DecisionErrorSite {
  readonly ruleId?: string;
  /** an input's or output's id */
  readonly columnId?: string;
  readonly columnKind?: 'input' | 'output';
}

/**
 * Evaluating a decision failed because of the model and the input given (a value that does not fit
 * a column's type, two rules matching a UNIQUE table, ...): an ExecutionError (400), naming the
 * decision and, when there is one, the rule and the column.
 */
export class DecisionEvaluationError extends ExecutionError {
  constructor(
    readonly decisionId: string,
    detail: string,
    readonly site: DecisionErrorSite = {},
  ) {
    super(`Could not evaluate decision '${decisionId}'${describeSite(site)}: ${detail}`, decisionId);
    this.name = 'DecisionEvaluationError';
  }
}

export function describeSite(site: DecisionErrorSite): string {
  const parts: string[] = [];
  if (site.ruleId !== undefined) parts.push(`rule '${site.ruleId}'`);
  if (site.columnId !== undefined) parts.push(`${site.columnKind ?? 'column'} '${site.columnId}'`);
  return parts.length === 0 ? '' : `, ${parts.join(', ')}`;
}
