import type { EvaluationBudget } from '../budget.js';
import { ExpressionEvaluationError } from '../errors.js';
import type { ExpressionContext } from '../expression-context.js';
import { normalizeUndefined } from '../plain-values.js';
import { describeValue } from '../value-format.js';
import type { JuelNode } from './ast.js';
import { toBoolean, toElString } from './coercion.js';
import { BUILTIN_FUNCTIONS } from './functions.js';
import { chargeMethod, checkMethodResult } from './method-budget.js';
import { invokeMethod } from './methods.js';
import { applyBinary, isEmptyValue, negate } from './operators.js';
import { readProperty } from './property-access.js';

/** Walks the AST. Errors carry no source here; the compiled expression attaches it. */
export function evaluateNode(node: JuelNode, ctx: ExpressionContext, budget: EvaluationBudget): unknown {
  budget.charge(1);
  const evaluate = (child: JuelNode): unknown => evaluateNode(child, ctx, budget);
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'identifier':
      return resolveIdentifier(node.name, ctx);
    case 'member':
      return readProperty(evaluate(node.object), node.name);
    case 'index':
      return readProperty(evaluate(node.object), evaluate(node.index));
    case 'methodCall': {
      const target = evaluate(node.object);
      const name = typeof node.method === 'string' ? node.method : methodName(evaluate(node.method));
      const args = node.args.map((arg) => evaluate(arg));
      chargeMethod(budget, target, args);
      return checkMethodResult(name, invokeMethod(target, name, args));
    }
    case 'functionCall': {
      const fn = BUILTIN_FUNCTIONS.get(node.name);
      if (fn === undefined) throw new ExpressionEvaluationError(`Expected a known function, but found '${node.name}'`);
      return fn.invoke(ctx, node.args.map((arg) => evaluate(arg)));
    }
    case 'unary':
      return evaluateUnary(node.operator, evaluate(node.operand));
    case 'binary':
      return applyBinary(node.operator, evaluate(node.left), evaluate(node.right));
    case 'logical': {
      const left = toBoolean(evaluate(node.left));
      if (node.operator === 'and' ? !left : left) return left;
      return toBoolean(evaluate(node.right));
    }
    case 'conditional':
      return toBoolean(evaluate(node.test))
        ? evaluate(node.consequent)
        : evaluate(node.alternate);
  }
}

function resolveIdentifier(name: string, ctx: ExpressionContext): unknown {
  const resolved = ctx.resolve(name);
  if (!resolved.found) throw new ExpressionEvaluationError(`Cannot resolve identifier '${name}'`);
  return normalizeUndefined(resolved.value);
}

function evaluateUnary(operator: '-' | 'not' | 'empty', value: unknown): unknown {
  switch (operator) {
    case '-':
      return negate(value);
    case 'not':
      return !toBoolean(value);
    case 'empty':
      return isEmptyValue(value);
  }
}

function methodName(value: unknown): string {
  if (typeof value !== 'string') {
    throw new ExpressionEvaluationError(`Expected a method name, but found ${describeValue(value)}`);
  }
  return toElString(value);
}
