import { CronExpressionParser } from 'cron-parser';
import { type QuartzCron, cronError, translateQuartzCron } from './quartz-cron.js';
import { type TimerSchedule } from './timer-schedule.js';

/**
 * Quartz cron timer cycle, evaluated in UTC (Camunda uses the JVM's zone; this engine runs in UTC).
 * Like Quartz's getTimeAfter, each due time is strictly after the reference time, so a timer created
 * exactly on a matching second first fires at the following match. Unbounded unless a year field
 * runs out, in which case nextDue returns null.
 */
export function cronSchedule(text: string): TimerSchedule {
  const cron = translateQuartzCron(text);
  // Parse once now so that syntax errors surface when the timer is defined, not when it fires.
  parseAt(text, cron, new Date(0));
  const dueAfter = (reference: Date) => nextMatchAfter(text, cron, reference);
  return {
    kind: 'cycle',
    repetitions: null,
    firstDue: (now) => {
      const due = dueAfter(now);
      if (due === null) throw cronError(text, 'it never matches a time after ' + now.toISOString());
      return due;
    },
    nextDue: (previousDue) => dueAfter(previousDue),
  };
}

/** Enough to cross any sparse year list without looping forever on an impossible expression. */
const MAX_YEAR_JUMPS = 300;

function nextMatchAfter(text: string, cron: QuartzCron, reference: Date): Date | null {
  let from = reference;
  for (let jump = 0; jump < MAX_YEAR_JUMPS; jump++) {
    const candidate = nextCronParserMatch(text, cron, from);
    if (candidate === null) return null;
    const year = candidate.getUTCFullYear();
    if (cron.years === null || cron.years.includes(year)) return candidate;
    const nextAllowedYear = cron.years.find((allowed) => allowed > year);
    if (nextAllowedYear === undefined) return null;
    // One millisecond before New Year, so a match at exactly midnight on January 1 is found.
    from = new Date(startOfYear(nextAllowedYear).getTime() - 1);
  }
  return null;
}

function nextCronParserMatch(text: string, cron: QuartzCron, from: Date): Date | null {
  const expression = parseAt(text, cron, from);
  try {
    return expression.next().toDate();
  } catch (error) {
    // cron-parser gives up after a bounded search, e.g. for 31 April; that means "no next time".
    if (error instanceof Error && /loop limit|out of the time span/i.test(error.message)) return null;
    throw cronError(text, error instanceof Error ? error.message : String(error));
  }
}

function parseAt(text: string, cron: QuartzCron, currentDate: Date) {
  try {
    return CronExpressionParser.parse(cron.cronParserExpression, { currentDate, tz: 'UTC', strict: false });
  } catch (error) {
    throw cronError(text, error instanceof Error ? error.message : String(error));
  }
}

function startOfYear(year: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, 0, 1);
  return date;
}
