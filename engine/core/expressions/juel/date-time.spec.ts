import { compileExpression, isHostObject } from '../index.js';
import { contextOf, FIXED_NOW } from '../testing/map-context.js';
import { DateTimeValue } from './date-time.js';

const DAY = 24 * 60 * 60 * 1000;

function run(text: string, now: Date = FIXED_NOW, variables: Record<string, unknown> = {}): unknown {
  return compileExpression(text).evaluate(contextOf(variables, now));
}

describe('now()', () => {
  it('returns the engine clock as a Date', () => {
    const result = run('${now()}');
    expect(result).toBeInstanceOf(Date);
    expect((result as Date).getTime()).toBe(FIXED_NOW.getTime());
  });

  it('returns a copy the caller cannot use to move the clock', () => {
    const clock = new Date(FIXED_NOW.getTime());
    (run('${now()}', clock) as Date).setTime(0);
    expect(clock.getTime()).toBe(FIXED_NOW.getTime());
  });

  it('compares with date variables', () => {
    expect(run('${dueDate < now()}', FIXED_NOW, { dueDate: new Date(FIXED_NOW.getTime() - 1) })).toBe(true);
    expect(run('${dueDate.before(now())}', FIXED_NOW, { dueDate: new Date(FIXED_NOW.getTime() + 1) })).toBe(false);
    expect(run('${dueDate.getTime()}', FIXED_NOW, { dueDate: new Date(5) })).toBe(5);
  });
});

describe('dateTime()', () => {
  it('is an immutable host object starting at the engine clock', () => {
    const value = run('${dateTime()}');
    expect(value).toBeInstanceOf(DateTimeValue);
    expect(isHostObject(value)).toBe(true);
    expect(run('${dateTime().getMillis()}')).toBe(FIXED_NOW.getTime());
    expect(run('${dateTime().millis}')).toBe(FIXED_NOW.getTime());
    expect(run('${dateTime().toString()}')).toBe('2024-01-31T10:15:30.000Z');
    expect(run('At ${dateTime()}')).toBe('At 2024-01-31T10:15:30.000Z');
  });

  it('dateTime().plusDays(2).toDate() is now + 2 days', () => {
    const result = run('${dateTime().plusDays(2).toDate()}');
    expect(result).toBeInstanceOf(Date);
    expect((result as Date).getTime()).toBe(FIXED_NOW.getTime() + 2 * DAY);
  });

  it.each([
    ['plusYears(1)', '2025-01-31T10:15:30.000Z'],
    ['plusMonths(1)', '2024-02-29T10:15:30.000Z'],
    ['plusMonths(13)', '2025-02-28T10:15:30.000Z'],
    ['minusMonths(2)', '2023-11-30T10:15:30.000Z'],
    ['plusWeeks(1)', '2024-02-07T10:15:30.000Z'],
    ['plusDays(1)', '2024-02-01T10:15:30.000Z'],
    ['minusDays(31)', '2023-12-31T10:15:30.000Z'],
    ['plusHours(14)', '2024-02-01T00:15:30.000Z'],
    ['minusHours(1)', '2024-01-31T09:15:30.000Z'],
    ['plusMinutes(45)', '2024-01-31T11:00:30.000Z'],
    ['minusMinutes(16)', '2024-01-31T09:59:30.000Z'],
    ['plusSeconds(30)', '2024-01-31T10:16:00.000Z'],
    ['minusSeconds(31)', '2024-01-31T10:14:59.000Z'],
    ['plusMillis(5)', '2024-01-31T10:15:30.005Z'],
    ['minusMillis(1)', '2024-01-31T10:15:29.999Z'],
    ["plusDays('3')", '2024-02-03T10:15:30.000Z'],
    ['plusDays(n)', '2024-02-05T10:15:30.000Z'],
    ['plusDays(1).plusHours(2).minusMinutes(15)', '2024-02-01T12:00:30.000Z'],
  ])('dateTime().%s', (call, expected) => {
    expect(run(`\${dateTime().${call}.toString()}`, FIXED_NOW, { n: 5 })).toBe(expected);
  });

  it('clamps Feb 29 to Feb 28 when adding a year', () => {
    const leapDay = new Date('2024-02-29T00:00:00Z');
    expect(run('${dateTime().plusYears(1).toString()}', leapDay)).toBe('2025-02-28T00:00:00.000Z');
  });

  it('does not change the original value', () => {
    const start = run('${dateTime()}') as DateTimeValue;
    start.callMethod('plusDays', [10]);
    expect(start.getMillis()).toBe(FIXED_NOW.getTime());
  });

  it('compares with isBefore / isAfter / isEqual', () => {
    const later = new Date(FIXED_NOW.getTime() + 1000);
    expect(run('${dateTime().isBefore(d)}', FIXED_NOW, { d: later })).toBe(true);
    expect(run('${dateTime().isAfter(d)}', FIXED_NOW, { d: later })).toBe(false);
    expect(run('${dateTime().plusSeconds(1).isEqual(d)}', FIXED_NOW, { d: later })).toBe(true);
    expect(run('${dateTime().plusDays(1).isAfter(dateTime())}')).toBe(true);
    expect(run('${dateTime().plusDays(1) > now()}')).toBe(true);
  });

  it('refuses unknown methods, wrong arity and bad arguments', () => {
    expect(() => run('${dateTime().withTime(1, 2, 3, 4)}')).toThrow("Method 'withTime' is not allowed on dateTime()");
    expect(() => run('${dateTime().plusDays()}')).toThrow("Expected 1 argument(s) for method 'plusDays', but found 0");
    expect(() => run("${dateTime().plusDays('x')}")).toThrow("Expected a number, but found 'x'");
    expect(() => run("${dateTime().isBefore('x')}")).toThrow('Expected a date, dateTime() or milliseconds');
    expect(() => run('${dateTime().zone}')).toThrow("Expected a property of dateTime() ('millis'), but found 'zone'");
  });
});
