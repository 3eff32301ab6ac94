import type { EntityManager } from 'typeorm';
import { addDuration, parseIsoDuration } from '../../engine/core/timers/index.js';
import type { Complaint, ComplaintPriority } from '../complaints/complaint.entity.js';
import type { CrmOptions } from '../crm-options.js';
import { resumeSla, slaDueTimes, type SlaDueTimes } from './sla-due-times.js';
import { calendarForAssignee } from './team-calendars.js';
import { CalendarExhaustedError, HOUR, type WorkingCalendar } from './working-time.js';
import { CrmConflictError } from '../shared/crm-errors.js';

type SlaOptions = Pick<CrmOptions, 'sla' | 'reminderShare' | 'calendarTimeZone'>;

/** the provisional due times written at registration: the options' SLA per priority, in working hours of the assignee's team */
export async function provisionalSla(manager: EntityManager, assigneeId: string | null, priority: ComplaintPriority, options: SlaOptions, now: Date): Promise<SlaDueTimes> {
  const calendar = await calendarForAssignee(manager, assigneeId, options.calendarTimeZone);
  return onCalendar(() => slaDueTimes(calendar, now, provisionalHours(options, priority), options.reminderShare));
}

/** the working hours of a priority's provisional SLA (the options' ISO 8601 duration) */
export function provisionalHours(options: Pick<CrmOptions, 'sla'>, priority: ComplaintPriority): number {
  return addDuration(new Date(0), parseIsoDuration(options.sla[priority])).getTime() / HOUR;
}

/**
 * due times on a calendar that runs out of working time (a head's calendar of holidays) are the
 * calendar's fault, not the request's and not a server error: a 409 saying who can fix it
 */
function onCalendar<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof CalendarExhaustedError)) throw error;
    throw new CrmConflictError(`The working calendar of the complaint's team has too little working time ahead to set its SLA due times (${error.message}): the team's head or an admin must fix it`, 'CRM_CALENDAR_EXHAUSTED');
  }
}

/** a calendar complaints can run on now: it holds the longest provisional SLA ahead of `now` (else the message why not) */
export function calendarTooShort(calendar: WorkingCalendar, options: Pick<CrmOptions, 'sla'>, now: Date): string | null {
  const longest = Math.max(...(Object.keys(options.sla) as ComplaintPriority[]).map((priority) => provisionalHours(options, priority)));
  try {
    slaDueTimes(calendar, now, longest, 1);
    return null;
  } catch (error) {
    if (error instanceof CalendarExhaustedError) return `leave less than ${longest} hours of working time in the next 5 years, the longest SLA complaints get`;
    throw error;
  }
}

/** the complaint now waits for the customer: the SLA clock stops (complaint-sla hears `SlaPaused`) */
export function pausedSla(complaint: Complaint, now: Date): Partial<Complaint> {
  return complaint.slaPausedAt ? {} : { slaPausedAt: now };
}

export interface ResumedSla {
  readonly fields: Partial<Complaint>;
  /** what complaint-sla is told with the message that resumes it: the moved due times and the current assignee */
  readonly variables: Record<string, unknown>;
}

/**
 * The wait is over (a reply, the status back, a resolution): the working time it took is added to
 * the paused minutes and the due times move by it, on the calendar of the assignee's team.
 */
export async function resumedSla(manager: EntityManager, complaint: Complaint, now: Date, options: SlaOptions): Promise<ResumedSla> {
  if (!complaint.slaPausedAt) return { fields: {}, variables: {} };
  const calendar = await calendarForAssignee(manager, complaint.assigneeId, options.calendarTimeZone);
  const due = { slaDueAt: complaint.slaDueAt, slaRemindAt: complaint.slaRemindAt ?? complaint.slaDueAt };
  const pausedAt = complaint.slaPausedAt;
  const moved = onCalendar(() => resumeSla(calendar, due, pausedAt, now));
  return {
    fields: { slaPausedAt: null, slaPausedMinutes: complaint.slaPausedMinutes + moved.pausedMinutes, slaDueAt: moved.slaDueAt, slaRemindAt: moved.slaRemindAt },
    variables: { slaDueAt: moved.slaDueAt.toISOString(), slaRemindAt: moved.slaRemindAt.toISOString(), assigneeId: complaint.assigneeId },
  };
}
