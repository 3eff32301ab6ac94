import { Injectable } from '@nestjs/common';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import { APPROVAL_STATUSES, DEAL_STAGES, type Deal } from '../deals/deal.entity.js';
import { deals, DealsService } from '../deals/deals.service.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { recordIdOf, TaskHandler, textInput, type CrmTaskHandler } from './task-handler.decorator.js';
import { CrmTaskError } from '../shared/crm-errors.js';

/**
 * `crm.deal.updateStage`: sets the deal's `stage` (probability and closing follow) and/or its
 * `approvalStatus` and `lostReason`, from the task's inputs. The deal is `dealId` or the business
 * key. A `discountPercent` counts only with an approval status: `pending` records it as requested
 * (a revised request), `approved` applies it (else the requested one) to the deal; `withdrawn`
 * drops the request. Output: `dealStage`, `approvalStatus`.
 */
@Injectable()
@TaskHandler('crm.deal.updateStage')
export class DealUpdateStageHandler implements CrmTaskHandler {
  constructor(private readonly dealsService: DealsService) {}

  async handle(input: ServiceTaskInput, tx: CrmTx): Promise<ServiceTaskResult> {
    const before = await deals.get(tx.manager, recordIdOf(input, 'dealId'));
    const patch: Partial<Deal> = {};
    const stage = textInput(input, 'stage');
    if (stage !== undefined) patch.stage = oneOf(DEAL_STAGES, stage, 'stage');
    const approvalStatus = textInput(input, 'approvalStatus');
    if (approvalStatus !== undefined) patch.approvalStatus = oneOf(APPROVAL_STATUSES, approvalStatus, 'approvalStatus');
    Object.assign(patch, discountChange(patch.approvalStatus, textInput(input, 'discountPercent'), before));
    const lostReason = textInput(input, 'lostReason');
    if (lostReason !== undefined) patch.lostReason = lostReason;
    const after = await this.dealsService.applyChange(tx, before, patch, 'updated by process');
    return { outcome: 'complete', variables: { dealStage: after.stage, approvalStatus: after.approvalStatus } };
  }
}

/** a discount waits as requested until the approval approves it */
function discountChange(status: Deal['approvalStatus'] | undefined, discount: string | undefined, before: Deal): Partial<Deal> {
  if (status === 'pending') return discount === undefined ? {} : { requestedDiscountPercent: percent(discount) };
  if (status === 'approved') {
    const approved = discount === undefined ? (before.requestedDiscountPercent ?? before.discountPercent) : percent(discount);
    return { discountPercent: approved, requestedDiscountPercent: null };
  }
  if (status === 'withdrawn') return { requestedDiscountPercent: null };
  return {};
}

function oneOf<T extends string>(values: readonly T[], value: string, name: string): T {
  if (!(values as readonly string[]).includes(value)) throw new CrmTaskError(`Expected '${name}' to be one of ${values.join(', ')}, but got '${value}'`, 'CRM_TASK_INPUT_INVALID');
  return value as T;
}

function percent(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new CrmTaskError(`Expected 'discountPercent' to be 0 to 100, but got '${value}'`, 'CRM_TASK_INPUT_INVALID');
  return n;
}
