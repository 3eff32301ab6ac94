import { ExpressionEvaluationError } from '../errors.js';
import type { ExpressionContext } from '../expression-context.js';
import { normalizeUndefined } from '../plain-values.js';
import { describeValue } from '../value-format.js';
import type { JuelNode } from './ast.js';
import { toBoolean, toElString } from './coercion.js';
import { BUILTIN_FUNCTIONS } from './functions.js';
import { invokeMethod } from './methods.js';
import { applyBinary, isEmptyValue, negate } from './operators.js';
import { readProperty } from './property-access.js';

/** Walks the AST. Errors carry no source here; the compiled expression attaches it. */
export function evaluateNode(node: JuelNode, ctx: ExpressionContext): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'identifier':
      return resolveIdentifier(node.name, ctx);
    case 'member':
      return readProperty(evaluateNode(node.object, ctx), node.name);
    case 'index':
      return readProperty(evaluateNode(node.object, ctx), evaluateNode(node.index, ctx));
    case 'methodCall': {
      const target = evaluateNode(node.object, ctx);
      const name = typeof node.method === 'string' ? node.method : methodName(evaluateNode(node.method, ctx));
      const args = node.args.map((arg) => evaluateNode(arg, ctx));
      return invokeMethod(target, name, args);
    }
    case 'functionCall': {
      const fn = BUILTIN_FUNCTIONS.get(node.name);
      if (fn === undefined) throw new ExpressionEvaluationError(`Expected a known function, but found '${node.name}'`);
      return fn.invoke(ctx, node.args.map((arg) => evaluateNode(arg, ctx)));
    }
    case 'unary':
      return evaluateUnary(node.operator, evaluateNode(node.operand, ctx));
    case 'binary':
      return applyBinary(node.operator, evaluateNode(node.left, ctx), evaluateNode(node.right, ctx));
    case 'logical': {
      const left = toBoolean(evaluateNode(node.left, ctx));
      if (node.operator === 'and' ? !left : left) return left;
      return toBoolean(evaluateNode(node.right, ctx));
    }
    case 'conditional':
      return toBoolean(evaluateNode(node.test, ctx))
        ? evaluateNode(node.consequent, ctx)
        : evaluateNode(node.alternate, ctx);
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
