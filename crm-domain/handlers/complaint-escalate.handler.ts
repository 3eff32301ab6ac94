import { Injectable } from '@nestjs/common';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import { complaints } from '../complaints/complaints.service.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { recordIdOf, TaskHandler, type CrmTaskHandler } from './task-handler.decorator.js';
import { CrmTaskError } from '../shared/crm-errors.js';

/**
 * `crm.complaint.escalate`: one escalation level up, reassigned to the head of service (the head
 * of the assignee's service team, else of the first service team that has one). Output:
 * `escalatedTo` (user id), `escalationLevel`.
 */
@Injectable()
@TaskHandler('crm.complaint.escalate')
export class ComplaintEscalateHandler implements CrmTaskHandler {
  async handle(input: ServiceTaskInput, tx: CrmTx): Promise<ServiceTaskResult> {
    const before = await complaints.get(tx.manager, recordIdOf(input, 'complaintId'));
    const headId = await this.headOfService(tx, before.assigneeId);
    if (!headId) throw new CrmTaskError('Expected a service team with a head to escalate to, but there is none', 'CRM_TASK_NO_CANDIDATE');
    const after = await complaints.update(tx, before, {
      escalationLevel: before.escalationLevel + 1,
      assigneeId: headId,
      status: before.status === 'new' ? 'in_progress' : before.status,
    }, 'escalated');
    return { outcome: 'complete', variables: { escalatedTo: headId, escalationLevel: after.escalationLevel } };
  }

  private async headOfService(tx: CrmTx, assigneeId: string | null): Promise<string | null> {
    const rows = (await tx.manager.query(
      `SELECT t.head_id FROM crm.teams t JOIN crm.users h ON h.id = t.head_id AND h.active
       WHERE t.kind = 'service'
       ORDER BY (t.id = (SELECT team_id FROM crm.users WHERE id = $1)) DESC NULLS LAST, t.name
       LIMIT 1`,
      [assigneeId],
    )) as { head_id: string }[];
    return rows[0]?.head_id ?? null;
  }
}
