import { translateQuartzCron } from './quartz-cron.js';
import { TimerDefinitionError } from './timer-definition-error.js';

const translate = (text: string) => translateQuartzCron(text).cronParserExpression;

describe('translateQuartzCron', () => {
  it.each<[string, string]>([
    ['0 0/5 * * * ?', '0 0/5 * * * *'],
    ['0 0 9 ? * MON-FRI', '0 0 9 * * 1-5'],
    ['0 0 9 ? * mon-fri', '0 0 9 * * 1-5'],
    ['0 0 9 ? * 2-6', '0 0 9 * * 1-5'],
    ['0 0 9 ? * 1,7', '0 0 9 * * 0,6'],
    ['0 0 9 ? * SUN,SAT', '0 0 9 * * 0,6'],
    ['0 0 9 ? * 6L', '0 0 9 * * 5L'],
    ['0 0 9 ? * L', '0 0 9 * * 6'],
    ['0 0 9 ? * 2#1', '0 0 9 * * 1#1'],
    ['0 0 9 ? * MON#2', '0 0 9 * * 1#2'],
    ['0 0 9 ? * 1/2', '0 0 9 * * 0/2'],
    ['0 0 9 ? * */2', '0 0 9 * * */2'],
    ['0 0 9 L * ?', '0 0 9 L * *'],
    ['0 0 9 1,15 JAN-MAR ?', '0 0 9 1,15 JAN-MAR *'],
    ['0 0 9 * * *', '0 0 9 * * *'],
    ['  0   0 9 ? *  THU ', '0 0 9 * * 4'],
  ])('%s -> %s', (quartz, cronParser) => {
    expect(translate(quartz)).toBe(cronParser);
  });

  it('reads the optional year field', () => {
    expect(translateQuartzCron('0 0 9 ? * MON 2027').years).toEqual([2027]);
    expect(translateQuartzCron('0 0 9 ? * MON 2027-2029,2031').years).toEqual([2027, 2028, 2029, 2031]);
    expect(translateQuartzCron('0 0 9 ? * MON 2026/50').years).toEqual([2026, 2076, 2126, 2176]);
    expect(translateQuartzCron('0 0 9 ? * MON *').years).toBeNull();
    expect(translateQuartzCron('0 0 9 ? * MON').years).toBeNull();
  });

  it.each<[string, string]>([
    ['0 0 9 * *', 'it has 5 fields, Quartz cron needs 6 or 7'],
    ['0 0 0 9 * * * 2026', 'it has 8 fields'],
    ['abc', 'it has 1 field, Quartz cron needs 6 or 7'],
    ['0 0 9 ? * ?', "'?' may be given for the day of month or the day of week, not both"],
    ['0 0 9 15 * MON', 'restricting both the day of month and the day of week is not supported'],
    ['? 0 9 * * ?', "'?' is only allowed in the day-of-month and day-of-week fields, not the second"],
    ['0 0 9 ? * 0', "'0' is not a day of the week; Quartz uses 1 (SUN) to 7 (SAT)"],
    ['0 0 9 ? * 8', "'8' is not a day of the week"],
    ['0 0 9 ? * FUN', "'FUN' is not a day of the week"],
    ['0 0 9 15W * ?', "the day-of-month form '15W' (W, LW, L-n) is not supported"],
    ['0 0 9 LW * ?', 'is not supported'],
    ['0 0 9 L-3 * ?', 'is not supported'],
    ['H 0 9 * * ?', 'hashed values (H) are not part of Quartz cron'],
    ['0 0 9 ? * MON 1969', "the years '1969' must lie within 1970-2199"],
    ['0 0 9 ? * MON 2030-2027', 'ascending'],
    ['0 0 9 ? * MON next', "'NEXT' is not a year"],
  ])('rejects %j: %s', (text, reason) => {
    expect(() => translateQuartzCron(text)).toThrow(TimerDefinitionError);
    expect(() => translateQuartzCron(text)).toThrow(reason);
  });

  it('names both accepted forms in the message', () => {
    expect(() => translateQuartzCron('abc')).toThrow(
      "Expected a timer cycle: an ISO 8601 repeating interval such as R3/PT10M or a Quartz cron expression such as 0 0/5 * * * ?, but got 'abc'",
    );
  });
});
