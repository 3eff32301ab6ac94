import { FeelFunction, FeelRange, isRange } from 'feelin';
import { checkBuiltList, checkBuiltString, type EvaluationBudget } from '../budget.js';
import { METER } from './feel-instrument.js';

/** feelin copies the whole scope for each call of a user function: a call costs as much as several reads */
const USER_FUNCTION_CALL_STEPS = 10;

/** The metering functions of one evaluation, under their reserved names (see instrumentFeel). */
export function meterFunctions(budget: EvaluationBudget): Record<string, FeelFunction> {
  return {
    [METER.read]: new FeelFunction((value: unknown) => {
      budget.chargeValue(value);
      return value;
    }, ['value']),
    [METER.iterate]: new FeelFunction((source: unknown) => chargeIteration(budget, source), ['source']),
    // feelin's own `a..b`: a range, except when `b` is falsy (then `a` itself)
    [METER.range]: new FeelFunction((start: unknown, end: unknown) => {
      const source = end ? new FeelRange({ start, end, 'start included': true, 'end included': true, valueType: rangeType(start, end) }) : start;
      return chargeIteration(budget, source);
    }, ['start', 'end']),
    [METER.call]: new FeelFunction(() => {
      budget.charge(USER_FUNCTION_CALL_STEPS);
      return true;
    }, []),
    [METER.sized]: new FeelFunction((value: unknown) => (typeof value === 'string' ? checkBuiltString(value, "'+'") : value), ['value']),
  };
}

/** an iteration costs a step per element, paid before the first one */
function chargeIteration(budget: EvaluationBudget, source: unknown): unknown {
  if (Array.isArray(source)) budget.charge(source.length);
  else if (isRange(source)) budget.charge(rangeLength(source));
  return source;
}

/** how many elements iterating the range yields; ranges FEEL cannot enumerate yield none */
function rangeLength(range: FeelRange): number {
  const { start, end } = range;
  if (range.valueType !== 'number' || typeof start !== 'number' || typeof end !== 'number') return 1;
  const length = Math.floor(Math.abs(end - start)) + 1;
  checkBuiltList(length, 'a range');
  return length;
}

function rangeType(start: unknown, end: unknown): string | null {
  if (typeof start === 'number' && typeof end === 'number') return 'number';
  if (typeof start === 'string' && typeof end === 'string') return 'string';
  return null;
}
