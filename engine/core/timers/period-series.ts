import { type Duration, fixedPartMillis, hasCalendarPart } from './duration.js';
import { addDuration, subtractDuration } from './duration-arithmetic.js';

/**
 * The series anchor, anchor ± period, anchor ± 2 periods, ... built by repeated addition (as
 * Camunda's DurationHelper does), so with month periods Jan 31, Feb 28, Mar 28, ... Periods without
 * years or months have a fixed length and are computed directly instead of step by step.
 */
export interface SeriesElement {
  /** 0 for the anchor itself */
  readonly index: number;
  readonly at: Date;
}

export type Bound = 'at-or-after' | 'after';

/** The element `index` steps forward from `start`. */
export function stepForward(start: Date, period: Duration, index: number): Date {
  if (!hasCalendarPart(period)) return new Date(start.getTime() + index * fixedPartMillis(period));
  let current = new Date(start.getTime());
  for (let i = 0; i < index; i++) current = addDuration(current, period);
  return current;
}

/** The first of start, start + period, ... that is at or after (or strictly after) `target`. */
export function firstForwardElement(start: Date, period: Duration, target: Date, bound: Bound): SeriesElement {
  const reached = (at: Date) => (bound === 'after' ? at > target : at >= target);
  if (reached(start)) return { index: 0, at: new Date(start.getTime()) };
  if (!hasCalendarPart(period)) {
    const step = fixedPartMillis(period);
    const gap = target.getTime() - start.getTime();
    const index = bound === 'after' ? Math.floor(gap / step) + 1 : Math.ceil(gap / step);
    return { index, at: new Date(start.getTime() + index * step) };
  }
  let index = 0;
  let current = start;
  while (!reached(current)) {
    current = addDuration(current, period);
    index++;
  }
  return { index, at: current };
}

/**
 * Walking back from `end` (end, end - period, ... at most `maxIndex` steps), the earliest element
 * still at or after (or strictly after) `target`; null when `end` itself misses the target.
 */
export function earliestBackwardElement(
  end: Date,
  period: Duration,
  target: Date,
  bound: Bound,
  maxIndex: number,
): SeriesElement | null {
  const reached = (at: Date) => (bound === 'after' ? at > target : at >= target);
  if (!reached(end)) return null;
  if (!hasCalendarPart(period)) {
    const step = fixedPartMillis(period);
    const gap = end.getTime() - target.getTime();
    const stepsBack = bound === 'after' ? Math.ceil(gap / step) - 1 : Math.floor(gap / step);
    const index = Math.min(stepsBack, maxIndex);
    return { index, at: new Date(end.getTime() - index * step) };
  }
  let index = 0;
  let current = new Date(end.getTime());
  while (index < maxIndex) {
    const previous = subtractDuration(current, period);
    if (!reached(previous)) break;
    current = previous;
    index++;
  }
  return { index, at: current };
}
