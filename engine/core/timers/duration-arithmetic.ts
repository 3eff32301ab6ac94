import { type Duration, fixedPartMillis, formatIsoDuration } from './duration.js';
import { TimerDefinitionError } from './timer-definition-error.js';

/**
 * Calendar arithmetic in UTC, like java.time: years and months are added together as one month
 * count with the day clamped to the target month (Jan 31 + P1M = Feb 28/29, Feb 29 + P1Y = Feb 28),
 * then weeks, days, hours, minutes and seconds are added as exact time (UTC has no DST).
 */
export function addDuration(from: Date, d: Duration): Date {
  return shiftByDuration(from, d, 1);
}

/** The mirror image of addDuration: months are subtracted with the same day clamping (Mar 31 - P1M = Feb 28). */
export function subtractDuration(from: Date, d: Duration): Date {
  return shiftByDuration(from, d, -1);
}

function shiftByDuration(from: Date, d: Duration, sign: 1 | -1): Date {
  if (Number.isNaN(from.getTime())) throw new RangeError('Cannot add a duration to an invalid Date');
  if (!Number.isInteger(d.years) || !Number.isInteger(d.months)) {
    throw new RangeError(`Years and months must be whole numbers in ${formatIsoDuration(d)}`);
  }
  const monthsShifted = addMonthsClamped(from, sign * (d.years * 12 + d.months));
  const result = new Date(monthsShifted.getTime() + sign * fixedPartMillis(d));
  if (Number.isNaN(result.getTime())) {
    throw new TimerDefinitionError(
      `Shifting ${from.toISOString()} by ${sign < 0 ? '-' : ''}${formatIsoDuration(d)} leaves the supported date range`,
    );
  }
  return result;
}

function addMonthsClamped(from: Date, months: number): Date {
  if (months === 0) return new Date(from.getTime());
  const monthIndex = from.getUTCFullYear() * 12 + from.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const day = Math.min(from.getUTCDate(), daysInMonth(year, month));
  const result = new Date(from.getTime());
  // setUTCFullYear rather than Date.UTC, which maps the years 0-99 to 1900-1999.
  result.setUTCFullYear(year, month, day);
  return result;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month; `month` is zero-based like Date's. */
export function daysInMonth(year: number, month: number): number {
  return month === 1 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month];
}
