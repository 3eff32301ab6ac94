import type { EntityManager } from 'typeorm';
import { addDuration, parseIsoDuration } from '../../engine/core/timers/index.js';
import type { Complaint, ComplaintPriority } from '../complaints/complaint.entity.js';
import type { CrmOptions } from '../crm-options.js';
import { resumeSla, slaDueTimes, type SlaDueTimes } from './sla-due-times.js';
import { calendarForAssignee } from './team-calendars.js';
import { HOUR } from './working-time.js';

type SlaOptions = Pick<CrmOptions, 'sla' | 'reminderShare' | 'calendarTimeZone'>;

/** the provisional due times written at registration: the options' SLA per priority, in working hours of the assignee's team */
export async function provisionalSla(manager: EntityManager, assigneeId: string | null, priority: ComplaintPriority, options: SlaOptions, now: Date): Promise<SlaDueTimes> {
  const hours = addDuration(new Date(0), parseIsoDuration(options.sla[priority])).getTime() / HOUR;
  return slaDueTimes(await calendarForAssignee(manager, assigneeId, options.calendarTimeZone), now, hours, options.reminderShare);
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
  const moved = resumeSla(calendar, due, complaint.slaPausedAt, now);
  return {
    fields: { slaPausedAt: null, slaPausedMinutes: complaint.slaPausedMinutes + moved.pausedMinutes, slaDueAt: moved.slaDueAt, slaRemindAt: moved.slaRemindAt },
    variables: { slaDueAt: moved.slaDueAt.toISOString(), slaRemindAt: moved.slaRemindAt.toISOString(), assigneeId: complaint.assigneeId },
  };
}
