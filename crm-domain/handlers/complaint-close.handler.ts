import { Injectable } from '@nestjs/common';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import { complaints } from '../complaints/complaints.service.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { recordIdOf, TaskHandler, textInput, type CrmTaskHandler } from './task-handler.decorator.js';

/**
 * `crm.complaint.close`: the complaint is closed (resolved first if it was not: the `resolution`
 * variable, e.g. from the resolving task's form, becomes its resolution). Output: `complaintStatus`.
 */
@Injectable()
@TaskHandler('crm.complaint.close')
export class ComplaintCloseHandler implements CrmTaskHandler {
  async handle(input: ServiceTaskInput, tx: CrmTx): Promise<ServiceTaskResult> {
    const before = await complaints.get(tx.manager, recordIdOf(input, 'complaintId'));
    if (before.status === 'closed') return { outcome: 'complete', variables: { complaintStatus: 'closed' } };
    const now = new Date();
    await complaints.update(tx, before, {
      status: 'closed',
      closedAt: now,
      resolvedAt: before.resolvedAt ?? now,
      resolution: before.resolution ?? textInput(input, 'resolution') ?? 'Resolved',
    }, 'closed');
    return { outcome: 'complete', variables: { complaintStatus: 'closed' } };
  }
}
