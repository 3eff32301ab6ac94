import { compileExpression, type CompiledExpression } from '../expressions/index.js';
import type { ParseIssue } from '../errors/index.js';

/** Collects what is wrong with a model while it is read, so one deployment reports every problem. */
export class ParseIssues {
  readonly list: ParseIssue[] = [];

  add(elementId: string | null, message: string): void {
    this.list.push({ elementId, message });
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
