import { Injectable } from '@nestjs/common';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import { complaints } from '../complaints/complaints.service.js';
import { CrmTaskError } from '../shared/crm-errors.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { recordIdOf, requiredText, TaskHandler, type CrmTaskHandler } from './task-handler.decorator.js';

const HOUR = 3_600_000;

/**
 * `crm.complaint.setSla`: the complaint's SLA due time as the SLA table decided (complaint-sla.dmn):
 * registration time + `slaHours`. The CRM wrote a provisional due time from its options at
 * registration; this makes the record, the task's due date and the process's timers agree with
 * the table. Output: `slaDueAt` (ISO 8601).
 */
@Injectable()
@TaskHandler('crm.complaint.setSla')
export class ComplaintSetSlaHandler implements CrmTaskHandler {
  async handle(input: ServiceTaskInput, tx: CrmTx): Promise<ServiceTaskResult> {
    const hours = Number(requiredText(input, 'slaHours'));
    if (!Number.isFinite(hours) || hours <= 0) {
      throw new CrmTaskError(`Expected the input 'slaHours' on task '${input.activityId}' to be a positive number of hours, but it is '${String(input.variables['slaHours'])}'`, 'CRM_TASK_INPUT_INVALID');
    }
    const before = await complaints.get(tx.manager, recordIdOf(input, 'complaintId'));
    const slaDueAt = new Date(before.createdAt.getTime() + hours * HOUR);
    if (before.slaDueAt.getTime() !== slaDueAt.getTime()) await complaints.update(tx, before, { slaDueAt }, 'sla decided');
    return { outcome: 'complete', variables: { slaDueAt: slaDueAt.toISOString() } };
  }
}
