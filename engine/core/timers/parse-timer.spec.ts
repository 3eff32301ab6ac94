import { parseTimer, validateTimerText } from './parse-timer.js';
import { TimerDefinitionError } from './timer-definition-error.js';
import { type TimerKind } from './timer-schedule.js';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-11-30T10:00:00.000Z');

describe('parseTimer', () => {
  it('date: due at the date, once', () => {
    const schedule = parseTimer('date', '2026-12-24T18:00:00+01:00');
    expect(schedule.kind).toBe('date');
    expect(schedule.repetitions).toBe(1);
    expect(schedule.firstDue(NOW).toISOString()).toBe('2026-12-24T17:00:00.000Z');
    expect(schedule.nextDue(schedule.firstDue(NOW), 1)).toBeNull();
  });

  it('date: a past date stays as it is (the engine fires it at once)', () => {
    expect(parseTimer('date', '2020-01-01').firstDue(NOW).toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });

  it('date: ignores the surrounding whitespace of XML text content', () => {
    expect(parseTimer('date', '\n    2026-12-24T18:00:00Z\n  ').firstDue(NOW).toISOString()).toBe(
      '2026-12-24T18:00:00.000Z',
    );
  });

  it('duration: due the duration after now, once', () => {
    const schedule = parseTimer('duration', 'PT5M');
    expect(schedule.kind).toBe('duration');
    expect(schedule.repetitions).toBe(1);
    expect(schedule.firstDue(NOW).toISOString()).toBe('2026-11-30T10:05:00.000Z');
    expect(schedule.firstDue(at('2027-01-31T00:00:00.000Z')).toISOString()).toBe('2027-01-31T00:05:00.000Z');
    expect(schedule.nextDue(at('2026-11-30T10:05:00.000Z'), 1)).toBeNull();
  });

  it('duration: PT0S is due immediately', () => {
    expect(parseTimer('duration', 'PT0S').firstDue(NOW).toISOString()).toBe(NOW.toISOString());
  });

  it('cycle: R... is a repeating interval, anything else cron', () => {
    expect(parseTimer('cycle', 'R3/PT10M').repetitions).toBe(3);
    expect(parseTimer('cycle', '0 0/5 * * * ?').repetitions).toBeNull();
  });

  it.each<[TimerKind, string, string]>([
    ['date', 'PT5M', 'Expected an ISO 8601 date-time'],
    ['duration', '2026-12-24', 'Expected an ISO 8601 duration such as PT5M'],
    ['duration', 'abc', "Expected an ISO 8601 duration such as PT5M, but got 'abc'"],
    ['cycle', 'R3/abc', "In the repeating interval 'R3/abc'"],
    ['cycle', 'every hour', 'Expected a timer cycle'],
  ])('%s %j throws TimerDefinitionError', (kind, text, message) => {
    expect(() => parseTimer(kind, text)).toThrow(TimerDefinitionError);
    expect(() => parseTimer(kind, text)).toThrow(message);
  });

  it('rejects an unknown kind coming from untyped callers', () => {
    expect(() => parseTimer('later' as TimerKind, 'PT5M')).toThrow(
      "Unknown timer kind 'later'; expected date, duration or cycle",
    );
  });

  it('errors are instances of Error with a recognisable name', () => {
    try {
      parseTimer('duration', 'abc');
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(TimerDefinitionError);
      expect((error as Error).name).toBe('TimerDefinitionError');
    }
  });
});

describe('validateTimerText', () => {
  it.each<[TimerKind, string]>([
    ['date', '2026-12-24T18:00:00Z'],
    ['duration', 'P1D'],
    ['cycle', 'R/PT1H'],
    ['cycle', '0 0 9 ? * MON-FRI'],
  ])('accepts %s %j', (kind, text) => {
    expect(() => validateTimerText(kind, text)).not.toThrow();
  });

  it.each<[TimerKind, string]>([
    ['duration', '${reminderDelay}'],
    ['duration', 'PT${hours}H'],
    ['date', '#{dueDate}'],
    ['cycle', 'R${count}/PT1H'],
  ])('leaves expressions for later: %s %j', (kind, text) => {
    expect(() => validateTimerText(kind, text)).not.toThrow();
  });

  it.each<[TimerKind, string]>([
    ['duration', 'P'],
    ['duration', ''],
    ['date', '2026-02-30'],
    ['cycle', 'R0/PT1H'],
    ['cycle', '0 0 9 * *'],
    ['duration', '$reminderDelay'],
  ])('rejects %s %j', (kind, text) => {
    expect(() => validateTimerText(kind, text)).toThrow(TimerDefinitionError);
  });
});
