import { addDuration, parseIsoDuration } from '../../engine/core/timers/index.js';
import type { ComplaintPriority } from './complaint.entity.js';

export interface SlaTerms {
  /** ISO 8601 duration until the breach (complaint-sla's timers now come from complaint-sla.dmn, which keeps these terms) */
  readonly slaDuration: string;
  /** ISO 8601 duration until the reminder, before the breach */
  readonly reminderDuration: string;
  readonly slaDueAt: Date;
}

/** SLA by priority (urgent 4 h, high 1 day, normal 3 days, ...), the reminder at a share of it: the provisional terms written at registration */
export function slaTerms(priority: ComplaintPriority, slaByPriority: Readonly<Record<ComplaintPriority, string>>, reminderShare: number, now: Date): SlaTerms {
  const slaDuration = slaByPriority[priority];
  const slaDueAt = addDuration(now, parseIsoDuration(slaDuration));
  const reminderMinutes = Math.max(1, Math.floor(((slaDueAt.getTime() - now.getTime()) * reminderShare) / 60_000));
  return { slaDuration, reminderDuration: `PT${reminderMinutes}M`, slaDueAt };
}
