import { formatCamundaDate, parseCamundaDate } from './index.js';

describe('formatCamundaDate', () => {
  it('formats in UTC with milliseconds and +0000', () => {
    expect(formatCamundaDate(new Date(Date.UTC(2031, 5, 1, 9, 30, 0, 0)))).toBe('2031-06-01T09:30:00.000+0000');
    expect(formatCamundaDate(new Date(Date.UTC(2016, 0, 25, 12, 33, 42, 165)))).toBe('2016-01-25T12:33:42.165+0000');
  });

  it('pads small years, months and fields', () => {
    const date = new Date(0);
    date.setUTCFullYear(5, 0, 2);
    date.setUTCHours(3, 4, 5, 6);
    expect(formatCamundaDate(date)).toBe('0005-01-02T03:04:05.006+0000');
  });

  it('rejects invalid dates and years it cannot write in four digits', () => {
    expect(() => formatCamundaDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => formatCamundaDate(new Date(Date.UTC(10000, 0, 1)))).toThrow(RangeError);
  });
});

describe('parseCamundaDate', () => {
  const instant = Date.UTC(2031, 5, 1, 9, 30, 0, 0);

  it.each([
    ['Camunda format', '2031-06-01T09:30:00.000+0000'],
    ['Camunda format with another offset', '2031-06-01T11:30:00.000+0200'],
    ['negative offset', '2031-06-01T04:30:00.000-0500'],
    ['offset with colon', '2031-06-01T11:30:00.000+02:00'],
    ['hour-only offset', '2031-06-01T11:30:00+02'],
    ['Z (JS toISOString)', '2031-06-01T09:30:00.000Z'],
    ['lowercase t and z', '2031-06-01t09:30:00z'],
    ['no fraction', '2031-06-01T09:30:00Z'],
    ['no seconds', '2031-06-01T09:30Z'],
    ['microseconds (truncated)', '2031-06-01T09:30:00.000999Z'],
    ['comma fraction', '2031-06-01T09:30:00,000Z'],
    ['space separator', '2031-06-01 09:30:00Z'],
    ['no zone means UTC', '2031-06-01T09:30:00'],
  ])('accepts %s', (_label, text) => {
    expect(parseCamundaDate(text).getTime()).toBe(instant);
  });

  it('accepts a date without time as UTC midnight', () => {
    expect(parseCamundaDate('2031-06-01').getTime()).toBe(Date.UTC(2031, 5, 1));
  });

  it('keeps milliseconds', () => {
    expect(parseCamundaDate('2016-01-25T13:33:42.165+0100').getTime()).toBe(Date.UTC(2016, 0, 25, 12, 33, 42, 165));
    expect(parseCamundaDate('2016-01-25T13:33:42.1Z').getUTCMilliseconds()).toBe(100);
  });

  it('handles years below 100 literally', () => {
    expect(parseCamundaDate('0042-03-04T00:00:00Z').getUTCFullYear()).toBe(42);
  });

  it('refuses times outside the years 0001-9999 in UTC, which the engine cannot store', () => {
    expect(() => parseCamundaDate('0000-06-01T00:00:00Z')).toThrow('expected a time in the years 0001 to 9999 (UTC)');
    expect(() => parseCamundaDate('0001-01-01T00:30:00+01:00')).toThrow(RangeError);
    expect(() => parseCamundaDate('9999-12-31T23:00:00-05:00')).toThrow(RangeError);
    expect(parseCamundaDate('0001-01-01T00:00:00Z').getUTCFullYear()).toBe(1);
    expect(parseCamundaDate('9999-12-31T23:59:59.999Z').getUTCFullYear()).toBe(9999);
  });

  it('accepts 29 February in leap years only', () => {
    expect(parseCamundaDate('2032-02-29T00:00:00Z').getUTCDate()).toBe(29);
    expect(parseCamundaDate('2000-02-29T00:00:00Z').getUTCDate()).toBe(29);
    expect(() => parseCamundaDate('2031-02-29T00:00:00Z')).toThrow(RangeError);
    expect(() => parseCamundaDate('1900-02-29T00:00:00Z')).toThrow(RangeError);
  });

  it.each([
    '',
    'tomorrow',
    '2031-06-01T',
    '2031-6-1T09:30:00Z',
    '2031-13-01T00:00:00Z',
    '2031-00-01T00:00:00Z',
    '2031-04-31T00:00:00Z',
    '2031-06-01T24:00:00Z',
    '2031-06-01T09:60:00Z',
    '2031-06-01T09:30:60Z',
    '2031-06-01T09:30:00+2400',
    '2031-06-01T09:30:00+0260',
    '2031-06-01Z',
    '2031-06-01T09:30:00.000+0000 ',
    '1780000000000',
    '01.06.2031',
  ])('rejects %j', (text) => {
    expect(() => parseCamundaDate(text)).toThrow(RangeError);
  });

  it('round-trips with formatCamundaDate', () => {
    const text = '1999-12-31T23:59:59.999+0000';
    expect(formatCamundaDate(parseCamundaDate(text))).toBe(text);
  });
});
