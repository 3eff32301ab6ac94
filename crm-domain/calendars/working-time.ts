/**
 * Working-time arithmetic on a calendar: business hours per weekday in an IANA time zone, minus
 * holidays. Pure (no I/O, no framework); time zones through Intl.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** one stretch of business hours on a weekday, local wall time `HH:MM`; `to` may be `24:00` */
export interface WorkingInterval {
  readonly day: Weekday;
  readonly from: string;
  readonly to: string;
}

export interface WorkingCalendar {
  /** IANA time zone the hours and holidays are in, e.g. `Europe/Berlin` */
  readonly timeZone: string;
  readonly hours: readonly WorkingInterval[];
  /** local dates `YYYY-MM-DD` without working time */
  readonly holidays: readonly string[];
}

export interface CalendarProblem {
  /** the field, e.g. `hours.2.to` */
  readonly path: string;
  readonly message: string;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** a calendar whose working time runs out this far ahead is refused rather than walked forever */
const MAX_DAYS_WALKED = 5 * 366;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Mon–Fri 9:00–18:00 */
export function officeHours(timeZone: string): WorkingCalendar {
  return { timeZone, hours: WEEKDAYS.slice(0, 5).map((day) => ({ day, from: '09:00', to: '18:00' })), holidays: [] };
}

export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** what is wrong with a calendar, each naming its field; empty when it can be used */
export function calendarProblems(calendar: WorkingCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isTimeZone(calendar.timeZone)) problems.push({ path: 'timeZone', message: `is not an IANA time zone such as Europe/Berlin` });
  if (calendar.hours.length === 0) problems.push({ path: 'hours', message: 'must name at least one interval of working time' });
  calendar.hours.forEach((interval, i) => {
    if (!WEEKDAYS.includes(interval.day)) problems.push({ path: `hours.${i}.day`, message: `expected one of ${WEEKDAYS.join(', ')}` });
    for (const end of ['from', 'to'] as const) {
      if (!TIME.test(interval[end])) problems.push({ path: `hours.${i}.${end}`, message: 'expected a time HH:MM (00:00 to 24:00)' });
    }
    if (TIME.test(interval.from) && TIME.test(interval.to) && minutesOfDay(interval.from) >= minutesOfDay(interval.to)) {
      problems.push({ path: `hours.${i}.to`, message: `must be after 'from' (${interval.from})` });
    }
  });
  calendar.hours.forEach((interval, i) => {
    const overlapping = calendar.hours.findIndex((other, j) => j < i && other.day === interval.day && overlaps(other, interval));
    if (overlapping >= 0) problems.push({ path: `hours.${i}`, message: `overlaps hours.${overlapping} on ${interval.day}` });
  });
  calendar.holidays.forEach((holiday, i) => {
    if (!isLocalDate(holiday)) problems.push({ path: `holidays.${i}`, message: 'expected a date YYYY-MM-DD' });
  });
  return problems;
}

/** a calendar has less working time ahead than asked of it, within MAX_DAYS_WALKED */
export class CalendarExhaustedError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarExhaustedError';
  }
}

/** the instant `duration` ms of working time after `start`; zero or negative durations are refused */
export function addWorkingTime(calendar: WorkingCalendar, start: Date, duration: number): Date {
  if (!Number.isFinite(duration) || duration <= 0) throw new RangeError(`Expected a positive working time, but got ${duration} ms`);
  let remaining = duration;
  const cursor = start.getTime();
  let day = localDateOf(start, calendar.timeZone);
  for (let walked = 0; walked < MAX_DAYS_WALKED; walked++, day = nextDay(day)) {
    for (const [from, to] of workingSpans(calendar, day)) {
      if (to <= cursor) continue;
      const begin = Math.max(from, cursor);
      if (remaining <= to - begin) return new Date(begin + remaining);
      remaining -= to - begin;
    }
  }
  throw new CalendarExhaustedError(`Expected the calendar to have ${Math.round(duration / MINUTE)} minutes of working time within ${MAX_DAYS_WALKED} days, but it has not`);
}

export function addWorkingHours(calendar: WorkingCalendar, start: Date, hours: number): Date {
  return addWorkingTime(calendar, start, hours * HOUR);
}

/** working time (ms) between two instants; `to` before `from` is refused */
export function workingTimeBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  if (to.getTime() < from.getTime()) throw new RangeError(`Expected 'to' (${to.toISOString()}) not to be before 'from' (${from.toISOString()})`);
  let total = 0;
  const last = localDateOf(to, calendar.timeZone);
  for (let day = localDateOf(from, calendar.timeZone); compareDays(day, last) <= 0; day = nextDay(day)) {
    for (const [spanFrom, spanTo] of workingSpans(calendar, day)) {
      total += Math.max(0, Math.min(spanTo, to.getTime()) - Math.max(spanFrom, from.getTime()));
    }
  }
  return total;
}

export function isWorkingTime(calendar: WorkingCalendar, instant: Date): boolean {
  const at = instant.getTime();
  return workingSpans(calendar, localDateOf(instant, calendar.timeZone)).some(([from, to]) => from <= at && at < to);
}

// ---- local dates and wall times ---------------------------------------------------------------

interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** the day's working intervals as instants [from, to), in order */
function workingSpans(calendar: WorkingCalendar, date: LocalDate): [number, number][] {
  if (calendar.holidays.includes(formatLocalDate(date))) return [];
  const weekday = WEEKDAYS[(new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7];
  return calendar.hours
    .filter((interval) => interval.day === weekday)
    .map((interval): [number, number] => [wallTimeToInstant(date, interval.from, calendar.timeZone), wallTimeToInstant(date, interval.to, calendar.timeZone)])
    .sort((a, b) => a[0] - b[0]);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** the wall clock in the zone at the instant, read as if it were UTC (ms) */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
}

function offsetAt(instant: number, timeZone: string): number {
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  return wallClockAsUtc(wholeSeconds, timeZone) - wholeSeconds;
}

/**
 * the instant the zone's clocks show `HH:MM` on the date; a time skipped by a change to summer
 * time is read with the offset before the change (02:30 → 03:30)
 */
function wallTimeToInstant(date: LocalDate, time: string, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutesOfDay(time) * MINUTE;
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return offsetAt(second, timeZone) === offsetAt(first, timeZone) ? second : Math.max(first, second);
}

function localDateOf(instant: Date, timeZone: string): LocalDate {
  const wall = new Date(wallClockAsUtc(instant.getTime(), timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function compareDays(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function isLocalDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

function overlaps(a: WorkingInterval, b: WorkingInterval): boolean {
  return minutesOfDay(a.from) < minutesOfDay(b.to) && minutesOfDay(b.from) < minutesOfDay(a.to);
}
