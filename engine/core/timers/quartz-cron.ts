import { TimerDefinitionError, quoteForMessage } from './timer-definition-error.js';

/**
 * A Quartz cron expression (the dialect of Camunda 7's timeCycle), rewritten for cron-parser:
 * `second minute hour day-of-month month day-of-week [year]`.
 *
 * Differences bridged here: Quartz numbers the days of the week 1 (SUN) to 7 (SAT) where cron-parser
 * uses 0 to 6; Quartz has an optional year field which cron-parser lacks (we filter by year
 * ourselves); `?` means "no specific value" and becomes `*`.
 * Quartz rejects an expression that restricts both day fields or leaves both as `?`; we do too, but
 * also accept `*` in both (every day), which Quartz would reject.
 * Not supported (rejected with a message): `L-n` and `W`/`LW` in the day of month.
 */
export interface QuartzCron {
  /** six fields in cron-parser's dialect: seconds first, Sunday = 0 */
  readonly cronParserExpression: string;
  /** the allowed years in ascending order, or null for every year */
  readonly years: readonly number[] | null;
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIRST_YEAR = 1970;
const LAST_YEAR = 2199;

export function translateQuartzCron(text: string): QuartzCron {
  const fields = text.trim().toUpperCase().split(/\s+/);
  if (fields.length !== 6 && fields.length !== 7) {
    throw cronError(text, `it has ${fields.length} field${fields.length === 1 ? '' : 's'}, Quartz cron needs 6 or 7`);
  }
  const [second, minute, hour, dayOfMonth, month, dayOfWeek, year] = fields as [
    string, string, string, string, string, string, string | undefined,
  ];
  for (const field of fields) {
    if (/(^|[^A-Z])H([^A-Z]|$)/.test(field)) throw cronError(text, 'hashed values (H) are not part of Quartz cron');
  }
  for (const [name, field] of [['second', second], ['minute', minute], ['hour', hour], ['month', month]] as const) {
    if (field.includes('?')) throw cronError(text, `'?' is only allowed in the day-of-month and day-of-week fields, not the ${name}`);
  }
  checkDayFieldsCombination(text, dayOfMonth, dayOfWeek);
  const cronParserFields = [
    second,
    minute,
    hour,
    translateDayOfMonth(text, dayOfMonth),
    month,
    translateDayOfWeek(text, dayOfWeek),
  ];
  return {
    cronParserExpression: cronParserFields.join(' '),
    years: year === undefined ? null : parseYearField(text, year),
  };
}

function checkDayFieldsCombination(text: string, dayOfMonth: string, dayOfWeek: string): void {
  if (dayOfMonth === '?' && dayOfWeek === '?') {
    throw cronError(text, "'?' may be given for the day of month or the day of week, not both");
  }
  const restricts = (field: string) => field !== '?' && field !== '*';
  if (restricts(dayOfMonth) && restricts(dayOfWeek)) {
    throw cronError(text, "restricting both the day of month and the day of week is not supported; use '?' in one of them");
  }
}

function translateDayOfMonth(text: string, field: string): string {
  if (field === '?') return '*';
  if (field.includes('W') || /L-\d/.test(field)) {
    throw cronError(text, `the day-of-month form '${field}' (W, LW, L-n) is not supported`);
  }
  return field;
}

function translateDayOfWeek(text: string, field: string): string {
  if (field === '?' || field === '*') return '*';
  return field
    .split(',')
    .map((item) => translateDayOfWeekItem(text, item))
    .join(',');
}

function translateDayOfWeekItem(text: string, item: string): string {
  const [base = '', step] = item.split('/');
  const suffix = step === undefined ? '' : `/${step}`;
  if (base === '*') return `*${suffix}`;
  // Quartz: 'L' alone is the last day of the week, Saturday; '6L' the last Friday of the month.
  if (base === 'L') return `6${suffix}`;
  const last = /^(\w+)L$/.exec(base);
  if (last) return `${dayNumber(text, last[1]!)}L${suffix}`;
  const nth = /^(\w+)#(\d)$/.exec(base);
  if (nth) return `${dayNumber(text, nth[1]!)}#${nth[2]}${suffix}`;
  const range = /^(\w+)-(\w+)$/.exec(base);
  if (range) return `${dayNumber(text, range[1]!)}-${dayNumber(text, range[2]!)}${suffix}`;
  return `${dayNumber(text, base)}${suffix}`;
}

/** Quartz day of week (1-7 or SUN-SAT) as cron-parser's number, Sunday = 0. */
function dayNumber(text: string, token: string): number {
  const named = DAY_NAMES.indexOf(token);
  if (named >= 0) return named;
  if (/^\d+$/.test(token) && Number(token) >= 1 && Number(token) <= 7) return Number(token) - 1;
  throw cronError(text, `'${token}' is not a day of the week; Quartz uses 1 (SUN) to 7 (SAT) or SUN-SAT`);
}

function parseYearField(text: string, field: string): readonly number[] | null {
  if (field === '*') return null;
  const years = new Set<number>();
  for (const item of field.split(',')) {
    const match = /^(?:(\*)|(\d{4})(?:-(\d{4}))?)(?:\/(\d+))?$/.exec(item);
    if (!match) throw cronError(text, `'${item}' is not a year, range of years or year step`);
    const [, any, from, to, step] = match;
    const first = any ? FIRST_YEAR : Number(from);
    const last = any || (to === undefined && step !== undefined) ? LAST_YEAR : Number(to ?? from);
    const stride = step === undefined ? 1 : Number(step);
    if (first < FIRST_YEAR || last > LAST_YEAR || first > last || stride < 1) {
      throw cronError(text, `the years '${item}' must lie within ${FIRST_YEAR}-${LAST_YEAR}, ascending`);
    }
    for (let y = first; y <= last; y += stride) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

export function cronError(text: string, reason: string | null): TimerDefinitionError {
  const base =
    'Expected a timer cycle: an ISO 8601 repeating interval such as R3/PT10M or a Quartz cron expression ' +
    `such as 0 0/5 * * * ?, but got ${quoteForMessage(text)}`;
  return new TimerDefinitionError(reason === null ? base : `${base} (${reason})`);
}
