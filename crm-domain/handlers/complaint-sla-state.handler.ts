import { Injectable } from '@nestjs/common';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import { complaints } from '../complaints/complaints.service.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { recordIdOf, TaskHandler, type CrmTaskHandler } from './task-handler.decorator.js';

/**
 * `crm.complaint.slaState`: where the complaint is, for complaint-sla when a message may have been
 * lost (sent while the process could not catch it). Outputs `complaintStatus`; out of a wait also
 * the due times the record holds (moved by every wait) and the current `assigneeId`.
 */
@Injectable()
@TaskHandler('crm.complaint.slaState')
export class ComplaintSlaStateHandler implements CrmTaskHandler {
  async handle(input: ServiceTaskInput, tx: CrmTx): Promise<ServiceTaskResult> {
    const complaint = await complaints.get(tx.manager, recordIdOf(input, 'complaintId'));
    if (complaint.slaPausedAt !== null || complaint.status === 'waiting_for_customer') return { outcome: 'complete', variables: { complaintStatus: complaint.status } };
    return {
      outcome: 'complete',
      variables: {
        complaintStatus: complaint.status,
        slaDueAt: complaint.slaDueAt.toISOString(),
        slaRemindAt: (complaint.slaRemindAt ?? complaint.slaDueAt).toISOString(),
        assigneeId: complaint.assigneeId,
      },
    };
  }
}
