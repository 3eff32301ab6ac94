import {
  addWorkingHours, addWorkingTime, calendarProblems, HOUR, isWorkingTime, MINUTE, officeHours, workingTimeBetween, WEEKDAYS, type WorkingCalendar,
} from './working-time.js';

const utc = officeHours('UTC');
const at = (iso: string) => new Date(iso);
const allDay = (timeZone: string): WorkingCalendar => ({ timeZone, hours: WEEKDAYS.map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: [] });

describe('working time', () => {
  describe('adding working time', () => {
    it('Friday 19:00 + 4 working hours (Mon–Fri 9–18) is Monday 13:00', () => {
      expect(addWorkingHours(utc, at('2026-12-04T19:00:00Z'), 4).toISOString()).toBe('2026-12-07T13:00:00.000Z');
    });

    it('counts from the start inside business hours and carries over to the next working day', () => {
      expect(addWorkingHours(utc, at('2026-12-01T10:30:00Z'), 2).toISOString()).toBe('2026-12-01T12:30:00.000Z');
      expect(addWorkingHours(utc, at('2026-12-01T16:00:00Z'), 4).toISOString()).toBe('2026-12-02T11:00:00.000Z');
      expect(addWorkingHours(utc, at('2026-12-01T07:00:00Z'), 1).toISOString()).toBe('2026-12-01T10:00:00.000Z');
    });

    it('ends at the close of a day rather than at the next opening when the time fits exactly', () => {
      expect(addWorkingHours(utc, at('2026-12-01T09:00:00Z'), 9).toISOString()).toBe('2026-12-01T18:00:00.000Z');
    });

    it('spans whole weeks: 72 working hours from Monday 9:00 is the second Tuesday 18:00', () => {
      expect(addWorkingHours(utc, at('2026-11-30T09:00:00Z'), 72).toISOString()).toBe('2026-12-09T18:00:00.000Z');
    });

    it('takes minutes and several intervals a day (a lunch break)', () => {
      const lunch: WorkingCalendar = { timeZone: 'UTC', holidays: [], hours: [{ day: 'mon', from: '13:00', to: '17:00' }, { day: 'mon', from: '08:00', to: '12:00' }] };
      expect(addWorkingTime(lunch, at('2026-11-30T11:30:00Z'), 45 * MINUTE).toISOString()).toBe('2026-11-30T13:15:00.000Z');
      expect(addWorkingTime(lunch, at('2026-11-30T16:30:00Z'), 45 * MINUTE).toISOString()).toBe('2026-12-07T08:15:00.000Z');
    });

    it('skips holidays (local dates)', () => {
      const christmas = { ...utc, holidays: ['2026-12-24', '2026-12-25'] };
      expect(addWorkingHours(christmas, at('2026-12-23T17:00:00Z'), 2).toISOString()).toBe('2026-12-28T10:00:00.000Z');
    });

    it('refuses zero, negative and non-finite amounts', () => {
      expect(() => addWorkingTime(utc, at('2026-12-01T10:00:00Z'), 0)).toThrow(RangeError);
      expect(() => addWorkingHours(utc, at('2026-12-01T10:00:00Z'), -1)).toThrow('positive');
      expect(() => addWorkingTime(utc, at('2026-12-01T10:00:00Z'), Number.NaN)).toThrow(RangeError);
    });

    it('refuses a calendar without working time ahead instead of walking forever', () => {
      const never: WorkingCalendar = { timeZone: 'UTC', hours: [], holidays: [] };
      expect(() => addWorkingHours(never, at('2026-12-01T10:00:00Z'), 1)).toThrow('working time within');
    });
  });

  describe('time zones and daylight saving', () => {
    const berlin = officeHours('Europe/Berlin');

    it('reads business hours in the calendar zone: 9:00 in Berlin is 8:00 UTC in winter, 7:00 in summer', () => {
      expect(addWorkingHours(berlin, at('2026-12-01T00:00:00Z'), 1).toISOString()).toBe('2026-12-01T09:00:00.000Z');
      expect(addWorkingHours(berlin, at('2026-07-01T00:00:00Z'), 1).toISOString()).toBe('2026-07-01T08:00:00.000Z');
    });

    it('over the change to summer time (29 March 2026) a working day keeps its 9 hours', () => {
      // Friday 17:00 CET (16:00Z) + 2 h: one on Friday, one on Monday from 9:00 CEST (7:00Z)
      expect(addWorkingHours(berlin, at('2026-03-27T16:00:00Z'), 2).toISOString()).toBe('2026-03-30T08:00:00.000Z');
      expect(workingTimeBetween(berlin, at('2026-03-27T00:00:00Z'), at('2026-03-31T00:00:00Z'))).toBe(18 * HOUR);
    });

    it('counts real hours around the clock: the spring Sunday has 23, the autumn one 25', () => {
      const always = allDay('Europe/Berlin');
      expect(workingTimeBetween(always, at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(23 * HOUR);
      expect(workingTimeBetween(always, at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(25 * HOUR);
      expect(addWorkingHours(always, at('2026-03-29T00:30:00Z'), 1).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    });

    it('reads holidays as dates in the zone: 25 December in Tokyo starts at 15:00 UTC the day before', () => {
      const tokyo = { ...allDay('Asia/Tokyo'), holidays: ['2026-12-25'] };
      expect(isWorkingTime(tokyo, at('2026-12-24T14:59:00Z'))).toBe(true);
      expect(isWorkingTime(tokyo, at('2026-12-24T15:00:00Z'))).toBe(false);
      expect(addWorkingTime(tokyo, at('2026-12-24T14:00:00Z'), 2 * HOUR).toISOString()).toBe('2026-12-25T16:00:00.000Z');
    });
  });

  describe('working time between two instants', () => {
    it('counts only business hours, holidays excluded', () => {
      expect(workingTimeBetween(utc, at('2026-12-04T19:00:00Z'), at('2026-12-07T13:00:00Z'))).toBe(4 * HOUR);
      expect(workingTimeBetween(utc, at('2026-12-01T10:00:00Z'), at('2026-12-01T10:00:00Z'))).toBe(0);
      expect(workingTimeBetween({ ...utc, holidays: ['2026-12-07'] }, at('2026-12-04T17:00:00Z'), at('2026-12-08T10:00:00Z'))).toBe(2 * HOUR);
    });

    it('is the inverse of adding', () => {
      const start = at('2026-12-02T15:17:00Z');
      for (const minutes of [1, 59, 600, 4321]) {
        expect(workingTimeBetween(utc, start, addWorkingTime(utc, start, minutes * MINUTE))).toBe(minutes * MINUTE);
      }
    });

    it('refuses an end before the start', () => {
      expect(() => workingTimeBetween(utc, at('2026-12-02T10:00:00Z'), at('2026-12-01T10:00:00Z'))).toThrow(RangeError);
    });
  });

  describe('is working time', () => {
    it('is inside an interval, from inclusive, to exclusive, not on weekends', () => {
      expect(isWorkingTime(utc, at('2026-12-01T09:00:00Z'))).toBe(true);
      expect(isWorkingTime(utc, at('2026-12-01T17:59:59Z'))).toBe(true);
      expect(isWorkingTime(utc, at('2026-12-01T18:00:00Z'))).toBe(false);
      expect(isWorkingTime(utc, at('2026-12-01T08:59:59Z'))).toBe(false);
      expect(isWorkingTime(utc, at('2026-12-05T12:00:00Z'))).toBe(false);
    });
  });

  describe('calendar problems', () => {
    it('accepts the default calendar', () => {
      expect(calendarProblems(officeHours('Europe/Berlin'))).toEqual([]);
    });

    it('names the field of each problem', () => {
      const problems = calendarProblems({
        timeZone: 'Mars/Olympus',
        hours: [{ day: 'mon', from: '09:00', to: '12:00' }, { day: 'mon', from: '11:00', to: '13:00' }, { day: 'tue', from: '18:00', to: '09:00' }, { day: 'wed', from: '9', to: '25:00' }],
        holidays: ['2026-02-30', '2026-12-24'],
      });
      expect(problems.map((p) => p.path)).toEqual(['timeZone', 'hours.2.to', 'hours.3.from', 'hours.3.to', 'hours.1', 'holidays.0']);
      expect(calendarProblems({ timeZone: 'UTC', hours: [], holidays: [] })).toEqual([{ path: 'hours', message: expect.stringContaining('at least one') }]);
    });
  });
});
