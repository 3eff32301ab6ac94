import { Injectable } from '@nestjs/common';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import { addDuration, parseIsoDuration } from '../../engine/core/timers/index.js';
import { ActivitiesService } from '../activities/activities.service.js';
import { ACTIVITY_KINDS, type ActivityKind } from '../activities/activity.entity.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { RECORD_TYPES, type RecordType } from '../shared/record-types.js';
import { idInput, optionalRecordIdOf, requiredText, TaskHandler, textInput, type CrmTaskHandler } from './task-handler.decorator.js';
import { CrmTaskError } from '../shared/crm-errors.js';

/**
 * `crm.activity.create`: a call, meeting, email or task on a record. Inputs: `subject` (required),
 * `activityKind` (default task), `dueIn` (ISO duration, e.g. P1D) or `dueAt`, `ownerId` (default
 * the `assignee` variable), `recordType`/`recordId` (default the process's record). Output: `activityId`.
 */
@Injectable()
@TaskHandler('crm.activity.create')
export class ActivityCreateHandler implements CrmTaskHandler {
  constructor(private readonly activities: ActivitiesService) {}

  async handle(input: ServiceTaskInput, tx: CrmTx): Promise<ServiceTaskResult> {
    const kind = (textInput(input, 'activityKind') ?? 'task') as ActivityKind;
    if (!ACTIVITY_KINDS.includes(kind)) throw new CrmTaskError(`Expected 'activityKind' to be one of ${ACTIVITY_KINDS.join(', ')}, but got '${kind}'`, 'CRM_TASK_INPUT_INVALID');
    const recordType = textInput(input, 'recordType') as RecordType | undefined;
    if (recordType && !RECORD_TYPES.includes(recordType)) throw new CrmTaskError(`Expected 'recordType' to be one of ${RECORD_TYPES.join(', ')}, but got '${recordType}'`, 'CRM_TASK_INPUT_INVALID');
    const dueIn = textInput(input, 'dueIn');
    const dueAt = textInput(input, 'dueAt');
    const activity = await this.activities.insert(tx, {
      kind,
      subject: requiredText(input, 'subject'),
      dueAt: dueIn ? addDuration(new Date(), parseIsoDuration(dueIn)) : dueAt ? new Date(dueAt) : null,
      ownerId: idInput(input, 'ownerId') ?? idInput(input, 'assignee') ?? null,
      recordType: recordType ?? null,
      recordId: recordType ? optionalRecordIdOf(input, 'recordId') : null,
    });
    return { outcome: 'complete', variables: { activityId: activity.id } };
  }
}
