import { parseTimer } from './parse-timer.js';
import { type TimerSchedule } from './timer-schedule.js';
import { TimerDefinitionError } from './timer-definition-error.js';

const at = (iso: string) => new Date(iso);

function dueTimes(schedule: TimerSchedule, now: Date, count: number): string[] {
  const times: string[] = [];
  let due: Date | null = schedule.firstDue(now);
  while (due !== null && times.length < count) {
    times.push(due.toISOString());
    due = schedule.nextDue(due, times.length);
  }
  return times;
}

describe('Quartz cron timer cycles (UTC)', () => {
  it('0 0/5 * * * ? fires every five minutes, strictly after the reference time', () => {
    const schedule = parseTimer('cycle', '0 0/5 * * * ?');
    expect(schedule.kind).toBe('cycle');
    expect(schedule.repetitions).toBeNull();
    expect(dueTimes(schedule, at('2026-11-30T10:02:30.000Z'), 3)).toEqual([
      '2026-11-30T10:05:00.000Z',
      '2026-11-30T10:10:00.000Z',
      '2026-11-30T10:15:00.000Z',
    ]);
    expect(schedule.firstDue(at('2026-11-30T10:05:00.000Z')).toISOString()).toBe('2026-11-30T10:10:00.000Z');
    expect(schedule.firstDue(at('2026-11-30T10:04:59.999Z')).toISOString()).toBe('2026-11-30T10:05:00.000Z');
  });

  it('0 0 9 ? * MON-FRI skips the weekend', () => {
    // 2026-11-27 is a Friday.
    const schedule = parseTimer('cycle', '0 0 9 ? * MON-FRI');
    expect(dueTimes(schedule, at('2026-11-27T08:00:00.000Z'), 4)).toEqual([
      '2026-11-27T09:00:00.000Z',
      '2026-11-30T09:00:00.000Z',
      '2026-12-01T09:00:00.000Z',
      '2026-12-02T09:00:00.000Z',
    ]);
    expect(schedule.nextDue(at('2026-11-27T09:00:00.000Z'), 1)?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
  });

  it('numbers the days of the week the Quartz way (1 = SUN, 7 = SAT)', () => {
    // 2026-11-28 is a Saturday, 2026-11-29 a Sunday.
    expect(parseTimer('cycle', '0 0 9 ? * 7').firstDue(at('2026-11-27T12:00:00.000Z')).toISOString()).toBe(
      '2026-11-28T09:00:00.000Z',
    );
    expect(parseTimer('cycle', '0 0 9 ? * 1').firstDue(at('2026-11-27T12:00:00.000Z')).toISOString()).toBe(
      '2026-11-29T09:00:00.000Z',
    );
    expect(parseTimer('cycle', '0 0 9 ? * 2-6').firstDue(at('2026-11-27T12:00:00.000Z')).toISOString()).toBe(
      '2026-11-30T09:00:00.000Z',
    );
  });

  it('supports the last day of the month and the last Friday', () => {
    expect(dueTimes(parseTimer('cycle', '0 0 18 L * ?'), at('2027-01-15T00:00:00.000Z'), 3)).toEqual([
      '2027-01-31T18:00:00.000Z',
      '2027-02-28T18:00:00.000Z',
      '2027-03-31T18:00:00.000Z',
    ]);
    expect(dueTimes(parseTimer('cycle', '0 0 18 ? * 6L'), at('2026-12-01T00:00:00.000Z'), 2)).toEqual([
      '2026-12-25T18:00:00.000Z',
      '2027-01-29T18:00:00.000Z',
    ]);
  });

  it('respects the seconds field', () => {
    expect(dueTimes(parseTimer('cycle', '15,45 * * * * ?'), at('2026-11-30T10:00:00.000Z'), 3)).toEqual([
      '2026-11-30T10:00:15.000Z',
      '2026-11-30T10:00:45.000Z',
      '2026-11-30T10:01:15.000Z',
    ]);
  });

  it('honours a year field and runs out after its last year', () => {
    const schedule = parseTimer('cycle', '0 0 0 1 1 ? 2027,2029');
    expect(dueTimes(schedule, at('2026-06-01T00:00:00.000Z'), 5)).toEqual([
      '2027-01-01T00:00:00.000Z',
      '2029-01-01T00:00:00.000Z',
    ]);
    expect(schedule.nextDue(at('2029-01-01T00:00:00.000Z'), 2)).toBeNull();
  });

  it('refuses to schedule a cron whose years are all in the past', () => {
    const schedule = parseTimer('cycle', '0 0 9 ? * MON 2020');
    expect(() => schedule.firstDue(at('2026-11-30T00:00:00.000Z'))).toThrow(TimerDefinitionError);
    expect(() => schedule.firstDue(at('2026-11-30T00:00:00.000Z'))).toThrow('it never matches a time after');
  });

  it('reports cron-parser range errors as timer definition errors', () => {
    expect(() => parseTimer('cycle', '0 0 25 * * ?')).toThrow(TimerDefinitionError);
    expect(() => parseTimer('cycle', '0 0 25 * * ?')).toThrow("but got '0 0 25 * * ?'");
    expect(() => parseTimer('cycle', '0 61 * * * ?')).toThrow(TimerDefinitionError);
    expect(() => parseTimer('cycle', '0 0 9 ? 13 MON')).toThrow(TimerDefinitionError);
  });

  it('rejects a plain duration given as a cycle, naming the accepted forms', () => {
    expect(() => parseTimer('cycle', 'PT1H')).toThrow(
      "Expected a timer cycle: an ISO 8601 repeating interval such as R3/PT10M or a Quartz cron expression such as 0 0/5 * * * ?, but got 'PT1H'",
    );
  });

  it('does not depend on the previous answers (stateless)', () => {
    const schedule = parseTimer('cycle', '0 0 9 ? * MON-FRI');
    const friday = at('2026-11-27T09:00:00.000Z');
    expect(schedule.nextDue(friday, 1)?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(schedule.nextDue(at('2026-11-23T09:00:00.000Z'), 1)?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(schedule.nextDue(friday, 7)?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
  });
});
