import { ExpressionEvaluationError } from '../errors.js';
import { HOST_OBJECT, methodNotAllowed, type HostObject } from '../host-object.js';
import { describeValue, formatDate } from '../value-format.js';
import { toInteger } from './coercion.js';

const MILLIS_PER_SECOND = 1000;
const MILLIS_PER_MINUTE = 60 * MILLIS_PER_SECOND;
const MILLIS_PER_HOUR = 60 * MILLIS_PER_MINUTE;

type CalendarUnit = 'years' | 'months' | 'days';

/**
 * The immutable value returned by `dateTime()`, modelled on the Joda DateTime that Camunda 7
 * exposes (`${dateTime().plusDays(2).toDate()}`). Calendar arithmetic happens in UTC;
 * adding months or years clamps to the last day of the month as Joda does (Jan 31 + 1 month = Feb 28/29).
 */
export class DateTimeValue implements HostObject {
  readonly [HOST_OBJECT] = true as const;

  constructor(private readonly millis: number) {}

  static fromDate(date: Date): DateTimeValue {
    return new DateTimeValue(date.getTime());
  }

  getMillis(): number {
    return this.millis;
  }

  toDate(): Date {
    return new Date(this.millis);
  }

  toString(): string {
    return formatDate(new Date(this.millis));
  }

  getProperty(name: string): unknown {
    if (name === 'millis') return this.millis;
    throw new ExpressionEvaluationError(`Expected a property of dateTime() ('millis'), but found '${name}'`);
  }

  callMethod(name: string, args: unknown[]): unknown {
    const method = DATE_TIME_METHODS.get(name);
    if (method === undefined) throw methodNotAllowed(name, 'dateTime()');
    if (args.length !== method.arity) {
      throw new ExpressionEvaluationError(
        `Expected ${method.arity} argument(s) for method '${name}', but found ${args.length}`,
      );
    }
    return method.invoke(this, args);
  }

  plusMillis(amount: number): DateTimeValue {
    return new DateTimeValue(this.millis + amount);
  }

  plusCalendar(unit: CalendarUnit, amount: number): DateTimeValue {
    const date = new Date(this.millis);
    const time = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()] as const;
    if (unit === 'days') {
      return new DateTimeValue(utcMillis(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + amount, time));
    }
    const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() + (unit === 'years' ? amount * 12 : amount);
    const year = Math.floor(monthIndex / 12);
    const month = monthIndex - year * 12;
    const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
    return new DateTimeValue(utcMillis(year, month, day, time));
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMillis(year, month + 1, 0, [0, 0, 0, 0])).getUTCDate();
}

/** Like Date.UTC, but without its mapping of years 0..99 to 1900..1999; month and day may overflow. */
function utcMillis(year: number, month: number, day: number, time: readonly [number, number, number, number]): number {
  const date = new Date(Date.UTC(2000, 0, 1, ...time));
  date.setUTCFullYear(year, month, day);
  return date.getTime();
}

interface DateTimeMethod {
  readonly arity: number;
  invoke(target: DateTimeValue, args: unknown[]): unknown;
}

function toInstantMillis(value: unknown): number {
  if (value instanceof DateTimeValue) return value.getMillis();
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  throw new ExpressionEvaluationError(`Expected a date, dateTime() or milliseconds, but found ${describeValue(value)}`);
}

function shift(sign: 1 | -1, apply: (target: DateTimeValue, amount: number) => DateTimeValue): DateTimeMethod {
  return { arity: 1, invoke: (target, args) => apply(target, sign * toInteger(args[0])) };
}

function fixedMillisUnit(unitMillis: number) {
  return (target: DateTimeValue, amount: number) => target.plusMillis(amount * unitMillis);
}

function calendarUnit(unit: CalendarUnit) {
  return (target: DateTimeValue, amount: number) => target.plusCalendar(unit, amount);
}

const SHIFTS = {
  Years: calendarUnit('years'),
  Months: calendarUnit('months'),
  Weeks: (target: DateTimeValue, amount: number) => target.plusCalendar('days', amount * 7),
  Days: calendarUnit('days'),
  Hours: fixedMillisUnit(MILLIS_PER_HOUR),
  Minutes: fixedMillisUnit(MILLIS_PER_MINUTE),
  Seconds: fixedMillisUnit(MILLIS_PER_SECOND),
  Millis: fixedMillisUnit(1),
};

const DATE_TIME_METHODS: ReadonlyMap<string, DateTimeMethod> = new Map<string, DateTimeMethod>([
  ...Object.entries(SHIFTS).flatMap(([unit, apply]): [string, DateTimeMethod][] => [
    [`plus${unit}`, shift(1, apply)],
    [`minus${unit}`, shift(-1, apply)],
  ]),
  ['toDate', { arity: 0, invoke: (target) => target.toDate() }],
  ['toString', { arity: 0, invoke: (target) => target.toString() }],
  ['getMillis', { arity: 0, invoke: (target) => target.getMillis() }],
  ['isBefore', { arity: 1, invoke: (target, args) => target.getMillis() < toInstantMillis(args[0]) }],
  ['isAfter', { arity: 1, invoke: (target, args) => target.getMillis() > toInstantMillis(args[0]) }],
  ['isEqual', { arity: 1, invoke: (target, args) => target.getMillis() === toInstantMillis(args[0]) }],
]);
