import type { ParseIssue } from '../errors/index.js';
import { describeSite, type DecisionErrorSite } from './dmn-errors.js';

/** the problems found in a DMN resource, each naming its decision and, when there is one, the rule and column */
export class DmnIssues {
  readonly list: ParseIssue[] = [];

  add(decisionId: string | null, message: string, site: DecisionErrorSite = {}): void {
    const where = describeSite(site).replace(/^, /, '');
    this.list.push({ elementId: decisionId, message: where === '' ? message : `${where}: ${message}` });
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }
}
