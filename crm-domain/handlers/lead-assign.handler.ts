import { Inject, Injectable } from '@nestjs/common';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import { AssignmentService } from '../assignment/assignment.service.js';
import { assignByAmount } from '../assignment/assignment-rules.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { leads } from '../leads/leads.service.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { recordIdOf, TaskHandler, textInput, type CrmTaskHandler } from './task-handler.decorator.js';
import { CrmTaskError } from '../shared/crm-errors.js';

/**
 * `crm.lead.assign`: the lead's owner by rule. An estimated amount at or over the threshold
 * (input `seniorThreshold`, default from the CRM options) goes to a senior manager, else a junior
 * one; inside the group the least loaded active user, ties round-robin. A lead that already has
 * an owner keeps it. Output: `assignee` (user id), `assigneeLevel`, `assignmentFallback`.
 */
@Injectable()
@TaskHandler('crm.lead.assign')
export class LeadAssignHandler implements CrmTaskHandler {
  constructor(
    private readonly assignment: AssignmentService,
    @Inject(CRM_OPTIONS) private readonly options: CrmOptions,
  ) {}

  async handle(input: ServiceTaskInput, tx: CrmTx): Promise<ServiceTaskResult> {
    const lead = await leads.get(tx.manager, recordIdOf(input, 'leadId'));
    if (lead.ownerId) {
      if (lead.status === 'new') await leads.update(tx, lead, { status: 'qualifying' });
      return { outcome: 'complete', variables: { assignee: lead.ownerId, assigneeLevel: null, assignmentFallback: false } };
    }
    const amount = Number(input.variables['amount'] ?? lead.estimatedAmount ?? 0);
    const threshold = Number(textInput(input, 'seniorThreshold') ?? this.options.seniorLeadThreshold);
    const decision = assignByAmount(await this.assignment.salesManagers(tx), amount, threshold);
    if (!decision) throw new CrmTaskError('Expected an active manager in a sales team to assign the lead to, but there is none', 'CRM_TASK_NO_CANDIDATE');
    await this.assignment.markAssigned(tx, decision.chosen.id);
    await leads.update(tx, lead, { ownerId: decision.chosen.id, status: 'qualifying' }, 'assigned');
    return { outcome: 'complete', variables: { assignee: decision.chosen.id, assigneeLevel: decision.level, assignmentFallback: decision.fallback } };
  }
}
