import { parseRepeatingInterval } from './repeating-interval.js';
import { TimerDefinitionError } from './timer-definition-error.js';

describe('parseRepeatingInterval', () => {
  it('reads the relative form', () => {
    expect(parseRepeatingInterval('R3/PT10M')).toEqual({
      form: 'relative',
      repetitions: 3,
      period: { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 10, seconds: 0 },
    });
  });

  it('reads R without a count as unbounded', () => {
    expect(parseRepeatingInterval('R/PT1H')).toMatchObject({ form: 'relative', repetitions: null });
  });

  it('reads start then period', () => {
    const interval = parseRepeatingInterval('R3/2026-12-01T08:00:00Z/PT1H');
    expect(interval).toMatchObject({ form: 'from-start', repetitions: 3, period: { hours: 1 } });
    expect(interval.form === 'from-start' && interval.start.toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it('reads period then end', () => {
    const interval = parseRepeatingInterval('R2/PT1H/2026-12-01T08:00:00Z');
    expect(interval).toMatchObject({ form: 'until-end', repetitions: 2, period: { hours: 1 } });
    expect(interval.form === 'until-end' && interval.end.toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it('reads start then end as a period of end - start', () => {
    const interval = parseRepeatingInterval('R2/2026-12-01T08:00:00Z/2026-12-01T09:30:00Z');
    expect(interval).toMatchObject({ form: 'from-start', repetitions: 2, period: { seconds: 5400 } });
  });

  it('returns R0 and zero periods as they are (the caller decides)', () => {
    expect(parseRepeatingInterval('R0/PT5M')).toMatchObject({ repetitions: 0 });
    expect(parseRepeatingInterval('R2/PT0S')).toMatchObject({ period: { seconds: 0 } });
  });

  it.each<[string, string]>([
    ['R3', "but got 'R3'"],
    ['R3/', "In the repeating interval 'R3/': Expected an ISO 8601 duration such as PT5M, but got ''"],
    ['Rx/PT1M', "but got 'Rx/PT1M'"],
    ['R-1/PT1M', "but got 'R-1/PT1M'"],
    ['R3/PT1M/PT2M', 'give a start or an end date next to the duration'],
    ['R3/PT1M/2026-12-01T08:00:00Z/PT1M', "but got 'R3/PT1M/2026-12-01T08:00:00Z/PT1M'"],
    ['R3/P-1D', 'negative durations are not allowed'],
    ['R3/2026-12-01T08:00:00Z/2026-12-01T08:00:00Z', 'the end date must come after the start date'],
    ['R3/2026-12-01T09:00:00Z/2026-12-01T08:00:00Z', 'the end date must come after the start date'],
    ['R3/2026-02-30T08:00:00Z/PT1H', 'there is no day 30 in 2026-02'],
    ['R99999999999/PT1M', 'at most 2147483647 repetitions are possible'],
  ])('rejects %j', (text, message) => {
    expect(() => parseRepeatingInterval(text)).toThrow(TimerDefinitionError);
    expect(() => parseRepeatingInterval(text)).toThrow(message);
  });
});
