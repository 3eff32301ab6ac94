import { daysInMonth } from './duration-arithmetic.js';
import { TimerDefinitionError, quoteForMessage } from './timer-definition-error.js';

/**
 * Extended ISO 8601: `yyyy-MM-dd`, optionally followed by `THH:mm[:ss[.fraction]]` and a zone
 * `Z`, `±HH`, `±HHmm` or `±HH:mm`. A zone may only follow a time.
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

const MS_PER_MINUTE = 60_000;
/** java.time.ZoneOffset's limit, so an offset Camunda accepts is accepted here too. */
const MAX_OFFSET_HOURS = 18;

/**
 * Parses an ISO 8601 date or date-time. Without a zone the text is read as UTC (the engine runs in
 * UTC, unlike Camunda which uses the JVM default zone); a date alone means midnight UTC.
 * Fractions of a second beyond milliseconds are truncated, as java.util.Date does.
 */
export function parseIsoDateTime(text: string): Date {
  const trimmed = text.trim();
  const match = ISO_DATE_TIME.exec(trimmed);
  if (!match) throw new TimerDefinitionError(dateTimeMessage(text, trimmed === '' ? 'the text is empty' : null));
  const [, year, month, day, hour, minute, second, fraction, zulu, offsetSign, offsetHours, offsetMinutes] =
    match;
  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: Number((fraction ?? '').padEnd(3, '0').slice(0, 3)),
  };
  const problem = describeOutOfRangeField(fields);
  if (problem !== null) throw new TimerDefinitionError(dateTimeMessage(text, problem));

  let offsetMillis = 0;
  if (zulu === undefined && offsetSign !== undefined) {
    const hours = Number(offsetHours);
    const minutes = Number(offsetMinutes ?? 0);
    if (hours > MAX_OFFSET_HOURS || minutes > 59 || (hours === MAX_OFFSET_HOURS && minutes > 0)) {
      throw new TimerDefinitionError(dateTimeMessage(text, 'the zone offset must lie within ±18:00'));
    }
    offsetMillis = (offsetSign === '-' ? -1 : 1) * (hours * 60 + minutes) * MS_PER_MINUTE;
  }

  const utc = new Date(0);
  // setUTCFullYear rather than Date.UTC, which maps the years 0-99 to 1900-1999.
  utc.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  utc.setUTCHours(fields.hour, fields.minute, fields.second, fields.millisecond);
  // 10:00+01:00 is 09:00Z: subtract the offset.
  return new Date(utc.getTime() - offsetMillis);
}

interface DateTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function describeOutOfRangeField(f: DateTimeFields): string | null {
  if (f.month < 1 || f.month > 12) return `there is no month ${f.month}`;
  if (f.day < 1 || f.day > daysInMonth(f.year, f.month - 1)) {
    return `there is no day ${f.day} in ${String(f.year).padStart(4, '0')}-${String(f.month).padStart(2, '0')}`;
  }
  if (f.hour > 23) return 'the hour must be 00-23';
  if (f.minute > 59) return 'the minute must be 00-59';
  if (f.second > 59) return 'the second must be 00-59';
  return null;
}

function dateTimeMessage(text: string, reason: string | null): string {
  const base = `Expected an ISO 8601 date-time such as 2026-11-30T10:00:00Z, but got ${quoteForMessage(text)}`;
  return reason === null ? base : `${base} (${reason})`;
}
