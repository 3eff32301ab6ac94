import { Inject, Injectable } from '@nestjs/common';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import { slaDueTimes } from '../calendars/sla-due-times.js';
import { calendarForAssignee } from '../calendars/team-calendars.js';
import { complaints } from '../complaints/complaints.service.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { CrmTaskError } from '../shared/crm-errors.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { recordIdOf, requiredText, TaskHandler, type CrmTaskHandler } from './task-handler.decorator.js';

/**
 * `crm.complaint.setSla`: the complaint's SLA due times as the SLA table decided (complaint-sla.dmn),
 * in working hours: `slaHours` of working time after registration on the working calendar of the
 * assignee's team (else the first service team's, else the default), the reminder at
 * `reminderShare` of it. The CRM wrote provisional ones at registration; this makes the record,
 * the task's due date and the process's timers agree with the table. Outputs: `slaDueAt`,
 * `slaRemindAt` (ISO 8601) and `slaPaused`: the complaint already waits for the customer (its
 * SlaPaused came before the process could catch it), so the process waits without timers; the
 * wait's working time moves the due times when it ends, as for any pause.
 */
@Injectable()
@TaskHandler('crm.complaint.setSla')
export class ComplaintSetSlaHandler implements CrmTaskHandler {
  constructor(@Inject(CRM_OPTIONS) private readonly options: CrmOptions) {}

  async handle(input: ServiceTaskInput, tx: CrmTx): Promise<ServiceTaskResult> {
    const hours = this.positiveNumber(input, 'slaHours', requiredText(input, 'slaHours'));
    const share = input.variables['reminderShare'] === undefined || input.variables['reminderShare'] === null
      ? this.options.reminderShare
      : this.positiveNumber(input, 'reminderShare', input.variables['reminderShare']);
    if (share > 1) throw new CrmTaskError(`Expected the input 'reminderShare' on task '${input.activityId}' to be at most 1, but it is '${share}'`, 'CRM_TASK_INPUT_INVALID');
    const before = await complaints.get(tx.manager, recordIdOf(input, 'complaintId'));
    const calendar = await calendarForAssignee(tx.manager, before.assigneeId, this.options.calendarTimeZone);
    const due = slaDueTimes(calendar, before.createdAt, hours, share, before.slaPausedMinutes);
    if (before.slaDueAt.getTime() !== due.slaDueAt.getTime() || before.slaRemindAt?.getTime() !== due.slaRemindAt.getTime()) {
      await complaints.update(tx, before, { slaDueAt: due.slaDueAt, slaRemindAt: due.slaRemindAt }, 'sla decided');
    }
    return { outcome: 'complete', variables: { slaDueAt: due.slaDueAt.toISOString(), slaRemindAt: due.slaRemindAt.toISOString(), slaPaused: before.slaPausedAt !== null } };
  }

  private positiveNumber(input: ServiceTaskInput, name: string, value: unknown): number {
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0) {
      throw new CrmTaskError(`Expected the input '${name}' on task '${input.activityId}' to be a positive number, but it is '${String(input.variables[name])}'`, 'CRM_TASK_INPUT_INVALID');
    }
    return number;
  }
}
