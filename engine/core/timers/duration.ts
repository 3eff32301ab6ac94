import { TimerDefinitionError, quoteForMessage } from './timer-definition-error.js';

/** An ISO 8601 duration, field by field; only `seconds` may be fractional. */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export const ZERO_DURATION: Readonly<Duration> = Object.freeze({
  years: 0,
  months: 0,
  weeks: 0,
  days: 0,
  hours: 0,
  minutes: 0,
  seconds: 0,
});

/**
 * `PnYnMnWnDTnHnMnS` with every part optional but at least one present. Weeks may be combined with
 * other parts (ISO 8601-2), which is a superset of Camunda's `PnW`. Only seconds take a fraction,
 * as in xs:duration, which Camunda uses; `,` is accepted as the decimal sign like ISO 8601 allows.
 */
const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const EXAMPLE = 'PT5M';

export function parseIsoDuration(text: string): Duration {
  const trimmed = text.trim();
  const match = ISO_DURATION.exec(trimmed);
  if (!match || trimmed === 'P' || trimmed.endsWith('T')) {
    throw new TimerDefinitionError(durationMessage(text, reasonForRejecting(trimmed)));
  }
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  const duration: Duration = {
    years: wholeNumber(years, text),
    months: wholeNumber(months, text),
    weeks: wholeNumber(weeks, text),
    days: wholeNumber(days, text),
    hours: wholeNumber(hours, text),
    minutes: wholeNumber(minutes, text),
    seconds: seconds === undefined ? 0 : Number(seconds.replace(',', '.')),
  };
  if (!Number.isFinite(duration.seconds) || duration.seconds > Number.MAX_SAFE_INTEGER) {
    throw new TimerDefinitionError(durationMessage(text, 'the seconds are too large'));
  }
  return duration;
}

/** The shortest ISO 8601 text for a duration; the zero duration is `PT0S`. */
export function formatIsoDuration(d: Duration): string {
  const datePart =
    unit(d.years, 'Y') + unit(d.months, 'M') + unit(d.weeks, 'W') + unit(d.days, 'D');
  const timePart = unit(d.hours, 'H') + unit(d.minutes, 'M') + unit(roundToMillis(d.seconds), 'S');
  if (datePart === '' && timePart === '') return 'PT0S';
  return `P${datePart}${timePart === '' ? '' : `T${timePart}`}`;
}

/** Years and months have no fixed length; everything else is a fixed number of milliseconds in UTC. */
export function hasCalendarPart(d: Duration): boolean {
  return d.years !== 0 || d.months !== 0;
}

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** The fixed-length part (weeks and below) in milliseconds; fractional seconds round to the millisecond. */
export function fixedPartMillis(d: Duration): number {
  return (
    (d.weeks * 7 + d.days) * MS_PER_DAY +
    d.hours * MS_PER_HOUR +
    d.minutes * MS_PER_MINUTE +
    Math.round(d.seconds * MS_PER_SECOND)
  );
}

/** True when adding the duration cannot move a date forward at all. */
export function isEffectivelyZero(d: Duration): boolean {
  return !hasCalendarPart(d) && fixedPartMillis(d) === 0;
}

/** A fixed-length duration of `millis` milliseconds, e.g. the period between two dates. */
export function durationOfMillis(millis: number): Duration {
  return { ...ZERO_DURATION, seconds: millis / MS_PER_SECOND };
}

function durationMessage(text: string, reason: string | null): string {
  const base = `Expected an ISO 8601 duration such as ${EXAMPLE}, but got ${quoteForMessage(text)}`;
  return reason === null ? base : `${base} (${reason})`;
}

function reasonForRejecting(trimmed: string): string | null {
  if (trimmed === '') return 'the text is empty';
  if (trimmed.includes('-')) return 'negative durations are not allowed';
  if (trimmed === 'P' || trimmed === 'PT') return 'it names no amount of time';
  if (trimmed.endsWith('T')) return "'T' must be followed by hours, minutes or seconds";
  if (/^[0-9]/.test(trimmed)) return "a duration starts with 'P'";
  if (/^P.*[.,]\d+[YMWDH]/.test(trimmed)) return 'only seconds may have a fraction';
  return null;
}

function wholeNumber(digits: string | undefined, text: string): number {
  if (digits === undefined) return 0;
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) {
    throw new TimerDefinitionError(durationMessage(text, `${digits} is too large`));
  }
  return value;
}

function unit(value: number, designator: string): string {
  return value === 0 ? '' : `${value}${designator}`;
}

function roundToMillis(seconds: number): number {
  return Math.round(seconds * MS_PER_SECOND) / MS_PER_SECOND;
}
