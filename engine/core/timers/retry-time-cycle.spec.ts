import { formatIsoDuration } from './duration.js';
import { parseRetryTimeCycle } from './retry-time-cycle.js';
import { TimerDefinitionError } from './timer-definition-error.js';

const summary = (text: string) => {
  const cycle = parseRetryTimeCycle(text);
  return { retries: cycle.retries, intervals: cycle.intervals.map(formatIsoDuration) };
};

describe('parseRetryTimeCycle', () => {
  it('R3/PT5M: three retries, five minutes apart', () => {
    expect(summary('R3/PT5M')).toEqual({ retries: 3, intervals: ['PT5M', 'PT5M', 'PT5M'] });
  });

  it('the list form: one retry per entry, in order', () => {
    expect(summary('PT1M,PT5M,PT10M')).toEqual({ retries: 3, intervals: ['PT1M', 'PT5M', 'PT10M'] });
    expect(summary(' PT1M , P1D ')).toEqual({ retries: 2, intervals: ['PT1M', 'P1D'] });
    expect(summary('PT30S')).toEqual({ retries: 1, intervals: ['PT30S'] });
  });

  it('allows immediate retries and no retries at all', () => {
    expect(summary('R2/PT0S')).toEqual({ retries: 2, intervals: ['PT0S', 'PT0S'] });
    expect(summary('R0/PT5M')).toEqual({ retries: 0, intervals: [] });
  });

  it('hands out independent interval objects', () => {
    const cycle = parseRetryTimeCycle('R2/PT5M');
    cycle.intervals[0]!.minutes = 99;
    expect(cycle.intervals[1]!.minutes).toBe(5);
  });

  it.each<[string, string]>([
    ['R/PT5M', 'the number of retries must be given, e.g. R3'],
    ['R3/2026-12-01T08:00:00Z/PT5M', 'start and end dates are not allowed here'],
    ['R20000/PT1S', 'at most 10000 retries are supported'],
    ['PT1M,,PT5M', 'an entry of the list is empty'],
    ['', 'an entry of the list is empty'],
    ['PT1M,5M', "In the retry time cycle 'PT1M,5M': Expected an ISO 8601 duration such as PT5M, but got '5M'"],
    ['R3/abc', "In the repeating interval 'R3/abc'"],
  ])('rejects %j', (text, message) => {
    expect(() => parseRetryTimeCycle(text)).toThrow(TimerDefinitionError);
    expect(() => parseRetryTimeCycle(text)).toThrow(message);
  });
});
