import { addWorkingTime, HOUR, MINUTE, workingTimeBetween, type WorkingCalendar } from './working-time.js';

export interface SlaDueTimes {
  /** the breach: `slaHours` of working time after registration, not counting paused working time */
  readonly slaDueAt: Date;
  /** the reminder: at `reminderShare` of that working time */
  readonly slaRemindAt: Date;
}

/** the SLA's due times on a working calendar; `pausedMinutes`: working time already spent waiting for the customer */
export function slaDueTimes(calendar: WorkingCalendar, registeredAt: Date, slaHours: number, reminderShare: number, pausedMinutes = 0): SlaDueTimes {
  if (!(reminderShare > 0 && reminderShare <= 1)) throw new RangeError(`Expected a reminder share above 0 and at most 1, but got ${reminderShare}`);
  const slaTime = slaHours * HOUR;
  const paused = pausedMinutes * MINUTE;
  return {
    slaDueAt: addWorkingTime(calendar, registeredAt, slaTime + paused),
    slaRemindAt: addWorkingTime(calendar, registeredAt, Math.max(MINUTE, Math.round(slaTime * reminderShare)) + paused),
  };
}

export interface SlaResumption extends SlaDueTimes {
  /** working time (whole minutes) the pause took */
  readonly pausedMinutes: number;
}

/**
 * The due times after a pause from `pausedAt` to `resumedAt`: each moves by the working time the
 * pause took, so the remaining working time is what it was when the pause began. A due time that
 * had already passed when the pause began (a reminder sent, a breach) stays.
 */
export function resumeSla(calendar: WorkingCalendar, due: SlaDueTimes, pausedAt: Date, resumedAt: Date): SlaResumption {
  const paused = workingTimeBetween(calendar, pausedAt, resumedAt < pausedAt ? pausedAt : resumedAt);
  const move = (at: Date) => (paused > 0 && at.getTime() > pausedAt.getTime() ? addWorkingTime(calendar, at, paused) : at);
  return { slaDueAt: move(due.slaDueAt), slaRemindAt: move(due.slaRemindAt), pausedMinutes: Math.round(paused / MINUTE) };
}
