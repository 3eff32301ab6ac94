import { parseTimer } from './parse-timer.js';
import { type TimerSchedule } from './timer-schedule.js';

const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** Fires the schedule like the engine would: first due, then nextDue after each fire, up to `limit` fires. */
function fireAll(schedule: TimerSchedule, now: Date, limit = 50): string[] {
  const fired: string[] = [];
  let due: Date | null = schedule.firstDue(now);
  while (due !== null && fired.length < limit) {
    fired.push(due.toISOString());
    due = schedule.nextDue(due, fired.length);
  }
  return fired;
}

const NOW = at('2026-11-30T10:00:00.000Z');

describe('relative cycle R<n>/<period>', () => {
  it('R3/PT10M fires exactly three times, ten minutes apart, starting ten minutes after now', () => {
    const schedule = parseTimer('cycle', 'R3/PT10M');
    expect(schedule.kind).toBe('cycle');
    expect(schedule.repetitions).toBe(3);
    expect(fireAll(schedule, NOW)).toEqual([
      '2026-11-30T10:10:00.000Z',
      '2026-11-30T10:20:00.000Z',
      '2026-11-30T10:30:00.000Z',
    ]);
  });

  it('returns null once firedCount reaches the repetitions', () => {
    const schedule = parseTimer('cycle', 'R3/PT10M');
    const third = at('2026-11-30T10:30:00.000Z');
    expect(iso(schedule.nextDue(at('2026-11-30T10:20:00.000Z'), 2))).toBe('2026-11-30T10:30:00.000Z');
    expect(schedule.nextDue(third, 3)).toBeNull();
    expect(schedule.nextDue(third, 4)).toBeNull();
  });

  it('R1/PT5M fires once', () => {
    expect(fireAll(parseTimer('cycle', 'R1/PT5M'), NOW)).toEqual(['2026-11-30T10:05:00.000Z']);
  });

  it('R/PT1H never runs out', () => {
    const schedule = parseTimer('cycle', 'R/PT1H');
    expect(schedule.repetitions).toBeNull();
    expect(iso(schedule.firstDue(NOW))).toBe('2026-11-30T11:00:00.000Z');
    expect(fireAll(schedule, NOW, 500)).toHaveLength(500);
    expect(iso(schedule.nextDue(at('2030-01-01T00:00:00.000Z'), 1_000_000))).toBe('2030-01-01T01:00:00.000Z');
  });

  it('R/P1M steps by calendar months from the previous due time', () => {
    const schedule = parseTimer('cycle', 'R/P1M');
    expect(fireAll(schedule, at('2026-12-31T09:00:00.000Z'), 3)).toEqual([
      '2027-01-31T09:00:00.000Z',
      '2027-02-28T09:00:00.000Z',
      '2027-03-28T09:00:00.000Z',
    ]);
  });

  it('rejects R0 and a zero period', () => {
    expect(() => parseTimer('cycle', 'R0/PT5M')).toThrow('a timer cycle needs at least one repetition');
    expect(() => parseTimer('cycle', 'R/PT0S')).toThrow('the period must be longer than zero');
    expect(() => parseTimer('cycle', 'R/PT0.0001S')).toThrow('the period must be longer than zero');
  });
});

describe('cycle from a start date R<n>/<start>/<period>', () => {
  const text = 'R3/2026-12-01T08:00:00Z/PT1H';

  it('fires at the start date first when it lies ahead', () => {
    const schedule = parseTimer('cycle', text);
    expect(schedule.repetitions).toBe(3);
    expect(fireAll(schedule, NOW)).toEqual([
      '2026-12-01T08:00:00.000Z',
      '2026-12-01T09:00:00.000Z',
      '2026-12-01T10:00:00.000Z',
    ]);
  });

  it('fires at the start date when created exactly then', () => {
    const schedule = parseTimer('cycle', text);
    expect(iso(schedule.firstDue(at('2026-12-01T08:00:00.000Z')))).toBe('2026-12-01T08:00:00.000Z');
  });

  it('skips repetitions that already passed and counts them as used', () => {
    const schedule = parseTimer('cycle', text);
    expect(fireAll(schedule, at('2026-12-01T08:30:00.000Z'))).toEqual([
      '2026-12-01T09:00:00.000Z',
      '2026-12-01T10:00:00.000Z',
    ]);
    expect(fireAll(schedule, at('2026-12-01T09:00:00.000Z'))).toEqual([
      '2026-12-01T09:00:00.000Z',
      '2026-12-01T10:00:00.000Z',
    ]);
  });

  it('is due once, at the last repetition, when all of them lie in the past', () => {
    const schedule = parseTimer('cycle', text);
    expect(fireAll(schedule, at('2027-06-01T00:00:00.000Z'))).toEqual(['2026-12-01T10:00:00.000Z']);
  });

  it('derives the position from previousDue, not from firedCount', () => {
    const schedule = parseTimer('cycle', text);
    expect(iso(schedule.nextDue(at('2026-12-01T09:00:00.000Z'), 1))).toBe('2026-12-01T10:00:00.000Z');
    expect(schedule.nextDue(at('2026-12-01T10:00:00.000Z'), 1)).toBeNull();
  });

  it('R/<start>/<period> is unbounded and catches up to now without firing the past', () => {
    const schedule = parseTimer('cycle', 'R/2020-01-01T00:00:00Z/PT15M');
    expect(schedule.repetitions).toBeNull();
    expect(fireAll(schedule, at('2026-11-30T10:07:00.000Z'), 3)).toEqual([
      '2026-11-30T10:15:00.000Z',
      '2026-11-30T10:30:00.000Z',
      '2026-11-30T10:45:00.000Z',
    ]);
  });

  it('steps calendar periods by repeated addition from the start (as Camunda does)', () => {
    const schedule = parseTimer('cycle', 'R/2026-01-31T12:00:00Z/P1M');
    expect(fireAll(schedule, at('2026-01-01T00:00:00.000Z'), 4)).toEqual([
      '2026-01-31T12:00:00.000Z',
      '2026-02-28T12:00:00.000Z',
      '2026-03-28T12:00:00.000Z',
      '2026-04-28T12:00:00.000Z',
    ]);
    expect(iso(schedule.firstDue(at('2026-03-01T00:00:00.000Z')))).toBe('2026-03-28T12:00:00.000Z');
  });

  it('R<n>/<start>/<end> repeats the length of that interval from the start', () => {
    const schedule = parseTimer('cycle', 'R3/2026-12-01T08:00:00Z/2026-12-01T08:20:00Z');
    expect(fireAll(schedule, NOW)).toEqual([
      '2026-12-01T08:00:00.000Z',
      '2026-12-01T08:20:00.000Z',
      '2026-12-01T08:40:00.000Z',
    ]);
  });
});

describe('cycle up to an end date R<n>/<period>/<end>', () => {
  const text = 'R3/PT1H/2026-12-01T08:00:00Z';

  it('counts the fires back from the end so that the last falls on the end', () => {
    const schedule = parseTimer('cycle', text);
    expect(schedule.repetitions).toBe(3);
    expect(fireAll(schedule, NOW)).toEqual([
      '2026-12-01T06:00:00.000Z',
      '2026-12-01T07:00:00.000Z',
      '2026-12-01T08:00:00.000Z',
    ]);
  });

  it('skips the repetitions that already passed', () => {
    const schedule = parseTimer('cycle', text);
    expect(fireAll(schedule, at('2026-12-01T06:30:00.000Z'))).toEqual([
      '2026-12-01T07:00:00.000Z',
      '2026-12-01T08:00:00.000Z',
    ]);
    expect(fireAll(schedule, at('2026-12-01T07:00:00.000Z'))).toEqual([
      '2026-12-01T07:00:00.000Z',
      '2026-12-01T08:00:00.000Z',
    ]);
  });

  it('is due once, at the end, when the end has passed', () => {
    expect(fireAll(parseTimer('cycle', text), at('2027-01-01T00:00:00.000Z'))).toEqual(['2026-12-01T08:00:00.000Z']);
  });

  it('R/<period>/<end> fires every period from now until the end', () => {
    const schedule = parseTimer('cycle', 'R/PT1H/2026-11-30T14:00:00Z');
    expect(schedule.repetitions).toBeNull();
    expect(fireAll(schedule, at('2026-11-30T10:30:00.000Z'))).toEqual([
      '2026-11-30T11:00:00.000Z',
      '2026-11-30T12:00:00.000Z',
      '2026-11-30T13:00:00.000Z',
      '2026-11-30T14:00:00.000Z',
    ]);
  });

  it('subtracts calendar periods with day clamping', () => {
    const schedule = parseTimer('cycle', 'R3/P1M/2026-03-31T00:00:00Z');
    expect(fireAll(schedule, at('2025-01-01T00:00:00.000Z'))).toEqual([
      '2026-01-28T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ]);
  });
});

describe('schedules hand out their own Date objects', () => {
  it('mutating a returned due date does not change the next answer', () => {
    const schedule = parseTimer('cycle', 'R3/2026-12-01T08:00:00Z/PT1H');
    schedule.firstDue(NOW).setTime(0);
    expect(iso(schedule.firstDue(NOW))).toBe('2026-12-01T08:00:00.000Z');
  });
});
