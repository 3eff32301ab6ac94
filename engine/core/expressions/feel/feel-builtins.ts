import { evaluate } from 'feelin';
import { checkBuiltList, checkBuiltString, type EvaluationBudget } from '../budget.js';
import { ExpressionEvaluationError } from '../errors.js';
import { isPlainObject } from '../plain-values.js';
import { METER_PREFIX } from './feel-instrument.js';
import { REGEX_BUILTINS, type FeelBuiltin } from './feel-regex-builtins.js';

const originals = new Map<string, FeelBuiltin>();

/** feelin's built-in function of that name, found the way an expression finds it: by name */
export function feelBuiltin(name: string): FeelBuiltin | undefined {
  if (name.startsWith(METER_PREFIX)) return undefined;
  const known = originals.get(name);
  if (known) return known;
  let value: unknown;
  try {
    value = evaluate(name, {}).value;
  } catch {
    return undefined;
  }
  if (typeof value !== 'function') return undefined;
  originals.set(name, value as FeelBuiltin);
  return value as FeelBuiltin;
}

/**
 * A built-in that pays for what it is given (one step per element or string chunk of its
 * arguments) and whose result must stay within the size limits. The regular expression
 * built-ins are replaced by linear-time ones.
 */
export function meteredBuiltin(name: string, budget: EvaluationBudget): FeelBuiltin | undefined {
  const original = REGEX_BUILTINS.get(name) ?? feelBuiltin(name);
  if (!original) return undefined;
  const metered: FeelBuiltin = (...args: unknown[]) => {
    budget.charge(1);
    for (const arg of args) budget.chargeValue(arg);
    return checkProduced(name, original(...args));
  };
  metered.$args = original.$args;
  return metered;
}

function checkProduced(name: string, result: unknown): unknown {
  const what = `${name}()`;
  if (typeof result === 'string') return checkBuiltString(result, what);
  if (Array.isArray(result)) checkBuiltList(result.length, what);
  else if (isPlainObject(result) && Object.keys(result).some((key) => key.startsWith(METER_PREFIX))) {
    throw new ExpressionEvaluationError(`Expected ${what} to build no entry named '${METER_PREFIX}...' (reserved by the engine)`);
  }
  return result;
}
