import { Inject, Injectable } from '@nestjs/common';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import { AssignmentService } from '../assignment/assignment.service.js';
import { assignByLevel, levelForAmount } from '../assignment/assignment-rules.js';
import { MANAGER_LEVELS, type ManagerLevel } from '../users/user.entity.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { leads } from '../leads/leads.service.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { recordIdOf, TaskHandler, textInput, type CrmTaskHandler } from './task-handler.decorator.js';
import { CrmTaskError } from '../shared/crm-errors.js';

/**
 * `crm.lead.assign`: the lead's owner by rule. The level comes from the input `level` (junior or
 * senior: the routing table's answer in lead-routing.bpmn), optionally with a sales `team` (by
 * name); without a `level` input an estimated amount at or over the threshold (input
 * `seniorThreshold`, default from the CRM options) goes to a senior manager, else a junior one.
 * Inside the group the least loaded active user, ties round-robin. A lead that already has
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
    const decision = assignByLevel(await this.assignment.salesManagers(tx), this.levelOf(input, lead.estimatedAmount), textInput(input, 'team') ?? null);
    if (!decision) throw new CrmTaskError('Expected an active manager in a sales team to assign the lead to, but there is none', 'CRM_TASK_NO_CANDIDATE');
    await this.assignment.markAssigned(tx, decision.chosen.id);
    await leads.update(tx, lead, { ownerId: decision.chosen.id, status: 'qualifying' }, 'assigned');
    return { outcome: 'complete', variables: { assignee: decision.chosen.id, assigneeLevel: decision.level, assignmentFallback: decision.fallback } };
  }

  private levelOf(input: ServiceTaskInput, estimatedAmount: number | null): ManagerLevel {
    const level = textInput(input, 'level');
    if (level === undefined) {
      const amount = Number(input.variables['amount'] ?? estimatedAmount ?? 0);
      return levelForAmount(amount, Number(textInput(input, 'seniorThreshold') ?? this.options.seniorLeadThreshold));
    }
    if (!(MANAGER_LEVELS as readonly string[]).includes(level)) {
      throw new CrmTaskError(`Expected the input 'level' on task '${input.activityId}' to be one of ${MANAGER_LEVELS.join(', ')}, but it is '${level}'`, 'CRM_TASK_INPUT_INVALID');
    }
    return level as ManagerLevel;
  }
}
