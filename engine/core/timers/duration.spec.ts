import { formatIsoDuration, parseIsoDuration, type Duration } from './duration.js';
import { TimerDefinitionError } from './timer-definition-error.js';

const zero: Duration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

describe('parseIsoDuration', () => {
  it.each<[string, Partial<Duration>]>([
    ['PT5M', { minutes: 5 }],
    ['P1D', { days: 1 }],
    ['P2W', { weeks: 2 }],
    ['PT0S', {}],
    ['PT36H', { hours: 36 }],
    ['P1Y2M3DT4H5M6.5S', { years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6.5 }],
    ['P1M', { months: 1 }],
    ['PT0.25S', { seconds: 0.25 }],
    ['PT1,5S', { seconds: 1.5 }],
    ['P1W2D', { weeks: 1, days: 2 }],
    ['  PT10M\n', { minutes: 10 }],
  ])('reads %j', (text, expected) => {
    expect(parseIsoDuration(text)).toEqual({ ...zero, ...expected });
  });

  it('uses the message the engine shows to modellers', () => {
    expect(() => parseIsoDuration('abc')).toThrow(
      new TimerDefinitionError("Expected an ISO 8601 duration such as PT5M, but got 'abc'"),
    );
  });

  it.each<[string, string]>([
    ['P', 'it names no amount of time'],
    ['PT', 'it names no amount of time'],
    ['P1DT', "'T' must be followed by hours, minutes or seconds"],
    ['5M', "a duration starts with 'P'"],
    ['P-1D', 'negative durations are not allowed'],
    ['-P1D', 'negative durations are not allowed'],
    ['', 'the text is empty'],
    ['   ', 'the text is empty'],
    ['PT1.5M', 'only seconds may have a fraction'],
    ['P1.5D', 'only seconds may have a fraction'],
  ])('rejects %j: %s', (text, reason) => {
    expect(() => parseIsoDuration(text)).toThrow(TimerDefinitionError);
    expect(() => parseIsoDuration(text)).toThrow(`but got '${text}' (${reason})`);
  });

  it.each(['garbage', 'pt5m', 'PT5M30', 'P1H', 'PT1D', 'P1M1Y', 'P1DT1S1M', 'PT5M ago', 'P1D/P2D', 'PT.5S'])(
    'rejects %j',
    (text) => {
      expect(() => parseIsoDuration(text)).toThrow(`Expected an ISO 8601 duration such as PT5M, but got '${text}'`);
    },
  );

  it('rejects numbers beyond safe integers', () => {
    expect(() => parseIsoDuration('P99999999999999999999D')).toThrow('is too large');
  });

  it('shortens a huge text in the message', () => {
    const huge = 'x'.repeat(5000);
    let message = '';
    try {
      parseIsoDuration(huge);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.length).toBeLessThan(200);
    expect(message).toContain("xxx...'");
  });
});

describe('formatIsoDuration', () => {
  it.each<[Partial<Duration>, string]>([
    [{}, 'PT0S'],
    [{ minutes: 5 }, 'PT5M'],
    [{ weeks: 2 }, 'P2W'],
    [{ days: 1 }, 'P1D'],
    [{ years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6.5 }, 'P1Y2M3DT4H5M6.5S'],
    [{ seconds: 0.1 + 0.2 }, 'PT0.3S'],
  ])('writes %j as %s', (fields, expected) => {
    expect(formatIsoDuration({ ...zero, ...fields })).toBe(expected);
  });

  it.each(['PT5M', 'P2W', 'P1Y2M3DT4H5M6.5S', 'PT0S', 'P1W2D', 'PT0.001S'])('round-trips %s', (text) => {
    expect(formatIsoDuration(parseIsoDuration(text))).toBe(text);
  });
});
