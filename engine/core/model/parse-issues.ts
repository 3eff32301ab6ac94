import { compileExpression, type CompiledExpression } from '../expressions/index.js';
import type { ParseIssue } from '../errors/index.js';
import { citationOf, type ModelRule } from './rules/model-rule.js';

/** Collects what is wrong with a model while it is read, so one deployment reports every problem. */
export class ParseIssues {
  readonly list: ParseIssue[] = [];
  /** legal but suspicious: reported with the deployment, never refused */
  readonly warnings: ParseIssue[] = [];

  add(elementId: string | null, message: string, rule?: ModelRule): void {
    this.list.push(issueOf(elementId, message, rule));
  }

  warn(elementId: string | null, message: string, rule: ModelRule): void {
    this.warnings.push(issueOf(elementId, message, rule));
  }

  /** compiles an expression attribute; a syntax error becomes an issue on the element */
  expression(elementId: string, attribute: string, text: string): CompiledExpression {
    try {
      return compileExpression(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.add(elementId, `Invalid expression in '${attribute}': ${reason}`);
      return compileExpression('');
    }
  }

  optionalExpression(elementId: string, attribute: string, text: unknown): CompiledExpression | null {
    if (typeof text !== 'string' || text.trim() === '') return null;
    return this.expression(elementId, attribute, text.trim());
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }
}

function issueOf(elementId: string | null, message: string, rule: ModelRule | undefined): ParseIssue {
  if (!rule) return { elementId, message };
  return { elementId, message: `${message} ${citationOf(rule)}`, rule: rule.id, section: rule.section };
}
