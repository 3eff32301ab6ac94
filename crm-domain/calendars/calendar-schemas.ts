import { z } from 'zod';
import { calendarProblems, WEEKDAYS } from './working-time.js';

const text = (what: string) => z.string({ message: `expected ${what}` });

/** `PUT /api/teams/{id}/calendar`; the calendar's own rules (zone, times, overlaps, dates) name the field that breaks them */
export const teamCalendarBody = z
  .strictObject({
    timeZone: text('an IANA time zone such as Europe/Berlin'),
    hours: z.array(z.strictObject({ day: z.enum(WEEKDAYS, { message: `expected one of ${WEEKDAYS.join(', ')}` }), from: text('a time HH:MM'), to: text('a time HH:MM') }), { message: 'expected a list of {day, from, to}' }).max(70, { message: 'must have at most 70 intervals' }),
    holidays: z.array(text('a date YYYY-MM-DD'), { message: 'expected a list of dates YYYY-MM-DD' }).max(1000, { message: 'must have at most 1000 dates' }).default([]),
  })
  .superRefine((calendar, ctx) => {
    for (const problem of calendarProblems(calendar)) ctx.addIssue({ code: 'custom', path: problem.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: problem.message });
  });

export type TeamCalendarBody = z.infer<typeof teamCalendarBody>;
