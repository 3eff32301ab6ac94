import { parseIsoDateTime } from './iso-date-time.js';
import { TimerDefinitionError } from './timer-definition-error.js';

describe('parseIsoDateTime', () => {
  it.each<[string, string]>([
    ['2026-11-30T10:00:00Z', '2026-11-30T10:00:00.000Z'],
    ['2026-11-30T10:00:00+01:00', '2026-11-30T09:00:00.000Z'],
    ['2026-11-30T10:00:00-05:30', '2026-11-30T15:30:00.000Z'],
    ['2026-11-30T10:00:00+0100', '2026-11-30T09:00:00.000Z'],
    ['2026-11-30T10:00:00+01', '2026-11-30T09:00:00.000Z'],
    ['2026-11-30T00:30:00+01:00', '2026-11-29T23:30:00.000Z'],
    ['2026-11-30T10:00:00', '2026-11-30T10:00:00.000Z'],
    ['2026-11-30T10:00', '2026-11-30T10:00:00.000Z'],
    ['2026-11-30', '2026-11-30T00:00:00.000Z'],
    ['2026-11-30T10:00:00.123Z', '2026-11-30T10:00:00.123Z'],
    ['2026-11-30T10:00:00.5+02:00', '2026-11-30T08:00:00.500Z'],
    ['2026-11-30T10:00:00.123456789Z', '2026-11-30T10:00:00.123Z'],
    ['2026-11-30T10:00:00,250', '2026-11-30T10:00:00.250Z'],
    ['2028-02-29T23:59:59Z', '2028-02-29T23:59:59.000Z'],
    ['  2026-11-30T10:00:00Z\n', '2026-11-30T10:00:00.000Z'],
    ['0099-06-01T00:00:00Z', '0099-06-01T00:00:00.000Z'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseIsoDateTime(text).toISOString()).toBe(expected);
  });

  it.each<[string, string]>([
    ['2026-02-29', 'there is no day 29 in 2026-02'],
    ['2026-04-31T10:00:00Z', 'there is no day 31 in 2026-04'],
    ['2026-13-01', 'there is no month 13'],
    ['2026-00-10', 'there is no month 0'],
    ['2026-11-30T24:00:00Z', 'the hour must be 00-23'],
    ['2026-11-30T10:60:00Z', 'the minute must be 00-59'],
    ['2026-11-30T10:00:60Z', 'the second must be 00-59'],
    ['2026-11-30T10:00:00+19:00', 'the zone offset must lie within ±18:00'],
    ['', 'the text is empty'],
  ])('rejects %j: %s', (text, reason) => {
    expect(() => parseIsoDateTime(text)).toThrow(TimerDefinitionError);
    expect(() => parseIsoDateTime(text)).toThrow(
      `Expected an ISO 8601 date-time such as 2026-11-30T10:00:00Z, but got '${text}' (${reason})`,
    );
  });

  it.each(['tomorrow', '30.11.2026', '2026-11-30Z', '2026-11-30 10:00:00', '26-11-30', '2026-11-30T10', 'PT5M', '2026-11-30T10:00:00 Z'])(
    'rejects %j',
    (text) => {
      expect(() => parseIsoDateTime(text)).toThrow(`but got '${text}'`);
    },
  );
});
