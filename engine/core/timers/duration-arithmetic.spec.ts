import { parseIsoDuration } from './duration.js';
import { addDuration, daysInMonth, isLeapYear, subtractDuration } from './duration-arithmetic.js';
import { TimerDefinitionError } from './timer-definition-error.js';

const at = (iso: string) => new Date(iso);
const add = (from: string, duration: string) => addDuration(at(from), parseIsoDuration(duration)).toISOString();

describe('addDuration', () => {
  it.each<[string, string, string]>([
    ['2026-11-30T10:00:00.000Z', 'PT5M', '2026-11-30T10:05:00.000Z'],
    ['2026-11-30T10:00:00.000Z', 'PT0S', '2026-11-30T10:00:00.000Z'],
    ['2026-11-30T10:00:00.000Z', 'P1D', '2026-12-01T10:00:00.000Z'],
    ['2026-11-30T10:00:00.000Z', 'P2W', '2026-12-14T10:00:00.000Z'],
    ['2026-11-30T10:00:00.000Z', 'PT6.5S', '2026-11-30T10:00:06.500Z'],
    ['2026-11-30T10:00:00.000Z', 'PT0.0004S', '2026-11-30T10:00:00.000Z'],
    ['2026-11-30T10:00:00.000Z', 'PT36H', '2026-12-01T22:00:00.000Z'],
    ['2026-12-31T23:59:59.000Z', 'PT1S', '2027-01-01T00:00:00.000Z'],
    ['2026-01-15T10:00:00.000Z', 'P1Y2M3DT4H5M6.5S', '2027-03-18T14:05:06.500Z'],
  ])('%s + %s = %s', (from, duration, expected) => {
    expect(add(from, duration)).toBe(expected);
  });

  it('clamps the day like plusMonths: Jan 31 + P1M is the last day of February', () => {
    expect(add('2026-01-31T08:00:00.000Z', 'P1M')).toBe('2026-02-28T08:00:00.000Z');
    expect(add('2028-01-31T08:00:00.000Z', 'P1M')).toBe('2028-02-29T08:00:00.000Z');
    expect(add('2026-03-31T08:00:00.000Z', 'P1M')).toBe('2026-04-30T08:00:00.000Z');
    expect(add('2026-01-30T08:00:00.000Z', 'P1M')).toBe('2026-02-28T08:00:00.000Z');
  });

  it('keeps a day that exists in the target month', () => {
    expect(add('2026-01-28T08:00:00.000Z', 'P1M')).toBe('2026-02-28T08:00:00.000Z');
    expect(add('2026-11-15T00:00:00.000Z', 'P3M')).toBe('2027-02-15T00:00:00.000Z');
  });

  it('handles leap years: Feb 29 + P1Y is Feb 28, + P4Y is Feb 29 again', () => {
    expect(add('2028-02-29T12:00:00.000Z', 'P1Y')).toBe('2029-02-28T12:00:00.000Z');
    expect(add('2028-02-29T12:00:00.000Z', 'P4Y')).toBe('2032-02-29T12:00:00.000Z');
    expect(add('2028-02-28T12:00:00.000Z', 'P1D')).toBe('2028-02-29T12:00:00.000Z');
    expect(add('2026-02-28T12:00:00.000Z', 'P1D')).toBe('2026-03-01T12:00:00.000Z');
    expect(add('2100-02-28T12:00:00.000Z', 'P1D')).toBe('2100-03-01T12:00:00.000Z');
  });

  it('adds years and months as one month count before the days', () => {
    // 13 months from Feb 29 2028 is Mar 29 2029, not Feb 28 + 1 month = Mar 28.
    expect(add('2028-02-29T00:00:00.000Z', 'P1Y1M')).toBe('2029-03-29T00:00:00.000Z');
    // Jan 31 + 1 month = Feb 28, then + 1 day = Mar 1.
    expect(add('2026-01-31T00:00:00.000Z', 'P1M1D')).toBe('2026-03-01T00:00:00.000Z');
  });

  it('treats P7D and P1W alike and P1D as exactly 24 hours (UTC has no DST)', () => {
    expect(add('2026-03-28T12:00:00.000Z', 'P1W')).toBe(add('2026-03-28T12:00:00.000Z', 'P7D'));
    expect(add('2026-03-28T12:00:00.000Z', 'P1D')).toBe(add('2026-03-28T12:00:00.000Z', 'PT24H'));
  });

  it('does not mutate its argument', () => {
    const from = at('2026-01-31T00:00:00.000Z');
    addDuration(from, parseIsoDuration('P1M'));
    expect(from.toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });

  it('works for years below 100, which Date.UTC would misread', () => {
    const from = new Date('0050-01-31T00:00:00.000Z');
    expect(addDuration(from, parseIsoDuration('P1M')).toISOString()).toBe('0050-02-28T00:00:00.000Z');
  });

  it('reports leaving the date range', () => {
    expect(() => add('2026-01-01T00:00:00.000Z', 'P999999999Y')).toThrow(TimerDefinitionError);
    expect(() => add('2026-01-01T00:00:00.000Z', 'P999999999Y')).toThrow('leaves the supported date range');
  });

  it('refuses an invalid start date', () => {
    expect(() => addDuration(new Date(Number.NaN), parseIsoDuration('P1D'))).toThrow(RangeError);
  });
});

describe('subtractDuration', () => {
  it('mirrors addDuration, clamping months', () => {
    const sub = (from: string, d: string) => subtractDuration(at(from), parseIsoDuration(d)).toISOString();
    expect(sub('2026-03-31T08:00:00.000Z', 'P1M')).toBe('2026-02-28T08:00:00.000Z');
    expect(sub('2026-12-01T08:00:00.000Z', 'PT1H')).toBe('2026-12-01T07:00:00.000Z');
    expect(sub('2027-01-01T00:00:00.000Z', 'P1Y1D')).toBe('2025-12-31T00:00:00.000Z');
  });
});

describe('calendar helpers', () => {
  it('knows leap years', () => {
    expect([1900, 2000, 2024, 2026, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
  });

  it('knows month lengths (zero-based months)', () => {
    expect(daysInMonth(2026, 0)).toBe(31);
    expect(daysInMonth(2026, 1)).toBe(28);
    expect(daysInMonth(2028, 1)).toBe(29);
    expect(daysInMonth(2026, 3)).toBe(30);
    expect(daysInMonth(2026, 11)).toBe(31);
  });
});
