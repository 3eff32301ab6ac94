/**
 * Camunda's REST date format `yyyy-MM-dd'T'HH:mm:ss.SSSZ` (e.g. `2031-06-01T09:30:00.000+0000`).
 * Output is always UTC with `+0000`; input accepts that format and the usual ISO 8601 forms.
 */

const MS_PER_MINUTE = 60_000;

/** Format a Date the Camunda way, in UTC: `2031-06-01T09:30:00.000+0000`. */
export function formatCamundaDate(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('Cannot format an invalid Date');
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) {
    throw new RangeError(`Cannot format a Date outside the years 0000-9999: ${date.toISOString()}`);
  }
  return (
    `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}` +
    `.${pad(date.getUTCMilliseconds(), 3)}+0000`
  );
}

/**
 * Extended ISO 8601 / RFC 3339 date or date-time:
 * `yyyy-MM-dd`, optionally followed by `T` (or a space) `HH:mm[:ss[.fraction]]` and an optional
 * zone `Z`, `±HH`, `±HHmm` or `±HH:mm`. The zone may only follow a time.
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

/**
 * Parse the Camunda format or an ISO 8601 date-time. A missing zone means UTC (the engine must
 * not depend on the server's time zone). Fractions beyond milliseconds are truncated.
 * Throws RangeError for anything else, including impossible dates such as `2031-02-30` and times
 * outside the years 0001-9999 in UTC (`0000-06-01`, `9999-12-31T23:00-05:00`), which the engine's
 * timestamp columns cannot store.
 */
export function parseCamundaDate(text: string): Date {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) throw invalidDate(text);
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fractionText] = match;
  const [, offsetSign, offsetHourText, offsetMinuteText] = match.slice(8); // [8] is the 'Z'

  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = Number(hourText ?? 0);
  const minute = Number(minuteText ?? 0);
  const second = Number(secondText ?? 0);
  const millisecond = Number((fractionText ?? '').padEnd(3, '0').slice(0, 3));
  const offsetHours = Number(offsetHourText ?? 0);
  const offsetMinutes = Number(offsetMinuteText ?? 0);

  const valid =
    month >= 1 && month <= 12 &&
    day >= 1 && day <= daysInMonth(year, month) &&
    hour <= 23 && minute <= 59 && second <= 59 &&
    offsetHours <= 23 && offsetMinutes <= 59;
  if (!valid) throw invalidDate(text);

  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // avoids Date.UTC's 0-99 => 1900-1999 quirk
  date.setUTCHours(hour, minute, second, millisecond);
  const offsetDirection = offsetSign === '-' ? -1 : 1;
  const offset = offsetDirection * (offsetHours * 60 + offsetMinutes) * MS_PER_MINUTE;
  const result = new Date(date.getTime() - offset);
  // checked in UTC, where an offset may have moved it
  if (!isStorableDate(result)) throw new RangeError(`Invalid date-time '${text}': expected a time in the years 0001 to 9999 (UTC)`);
  return result;
}

/** a valid Date in the years 0001-9999 (UTC): what the engine's timestamp columns store */
export function isStorableDate(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1 && year <= 9999;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function invalidDate(text: string): RangeError {
  return new RangeError(`Invalid date-time '${text}': expected ISO 8601 such as 2031-06-01T09:30:00.000+0000`);
}
