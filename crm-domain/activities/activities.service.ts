import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { checkOwnerChange, ownerOfNew } from '../access/owner-rules.js';
import { positionalBind, visibleCondition, whereVisible } from '../access/record-access.js';
import { SYSTEM_VIEWER, type RecordViewer } from '../access/record-viewer.js';
import { CrmDatabase } from '../shared/crm-database.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { applyFilters } from '../shared/list-filters.js';
import { readPage, type ListedQuery, type PageResult } from '../shared/list-query.js';
import { RecordStore } from '../shared/record-store.js';
import { RECORD_DEFINITIONS, type RecordType } from '../shared/record-types.js';
import { definedOnly } from '../shared/defined-only.js';
import { users } from '../users/users.service.js';
import { Activity } from './activity.entity.js';
import { activityList, type ActivityListQuery, type CreateActivity, type UpdateActivity } from './activity-schemas.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';
import { CRM_OPTIONS, DEFAULT_CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { remindAt } from './activity-reminders.js';

export const activities = new RecordStore(Activity, null, 'Activity', 'activity');

const SORT = { sortable: { createdAt: 'createdAt', scheduledAt: 'scheduledAt', dueAt: 'dueAt', subject: 'subject' }, defaultSort: '-createdAt' };

/** Calls, meetings, emails and tasks, each optionally about a record (shown on its timeline). */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly db: CrmDatabase,
    @Optional() @Inject(CRM_OPTIONS) private readonly options: Pick<CrmOptions, 'activityReminders'> = DEFAULT_CRM_OPTIONS,
  ) {}

  list(query: ActivityListQuery, viewer: RecordViewer): Promise<PageResult<Activity>> {
    const { qb, spec, options } = this.listed(query, viewer);
    return readPage(qb, query, spec, options);
  }

  /** the list's rows before paging (an export reads them page by page after the last row read) */
  listed(query: ActivityListQuery, viewer: RecordViewer): ListedQuery<Activity> {
    const qb = whereVisible(this.db.dataSource.getRepository(Activity).createQueryBuilder('a'), 'activity', viewer);
    return { qb, spec: SORT, options: applyFilters(qb, activityList, query) };
  }

  get(id: string, viewer: RecordViewer): Promise<Activity> {
    return activities.visible(this.db.dataSource.manager, id, viewer);
  }

  /** about a record the caller sees; the caller owns it unless they may give it to someone (see owner-rules) */
  create(actor: string, input: CreateActivity, viewer: RecordViewer): Promise<Activity> {
    return this.db.transaction(actor, async (tx) => {
      const ownerId = await ownerOfNew(tx.manager, viewer, input.ownerId, 'ownerId', 'activity');
      return this.insert(tx, { ...input, ownerId }, viewer);
    });
  }

  /** process handlers and complaint replies add activities for the system */
  async insert(tx: CrmTx, input: CreateActivity, viewer: RecordViewer = SYSTEM_VIEWER): Promise<Activity> {
    await this.checkReferences(tx.manager, input, viewer);
    const now = new Date();
    const activity = await activities.insert(tx, {
      id: randomUUID(),
      kind: input.kind,
      subject: input.subject,
      scheduledAt: input.scheduledAt ?? null,
      dueAt: input.dueAt ?? null,
      done: input.done ?? false,
      doneAt: input.done ? now : null,
      result: input.result ?? null,
      ownerId: input.ownerId ?? null,
      recordType: input.recordType ?? null,
      recordId: input.recordId ?? null,
      remindBefore: input.remindBefore ?? null,
      remindAt: remindAt(input.dueAt ?? null, input.remindBefore ?? null, this.options.activityReminders.minutesBefore),
      createdBy: tx.actor,
      createdAt: now,
      updatedAt: now,
    });
    if (activity.recordType && activity.recordId) {
      await tx.logChange(activity.recordType, activity.recordId, 'activity added', { activity: [null, `${activity.kind}: ${activity.subject}`] });
    }
    return activity;
  }

  update(actor: string, id: string, patch: UpdateActivity, viewer: RecordViewer): Promise<Activity> {
    return this.db.transaction(actor, async (tx) => {
      const before = await activities.visible(tx.manager, id, viewer);
      await checkOwnerChange(tx.manager, viewer, before.ownerId, patch.ownerId, 'ownerId', 'activity');
      const movesRecord = patch.recordType !== undefined || patch.recordId !== undefined;
      await this.checkReferences(tx.manager, { ...before, ...definedOnly(patch) }, movesRecord ? viewer : SYSTEM_VIEWER);
      const change: Partial<Activity> = definedOnly(patch) as Partial<Activity>;
      if (patch.done !== undefined && patch.done !== before.done) change.doneAt = patch.done ? new Date() : null;
      if (patch.dueAt !== undefined || patch.remindBefore !== undefined) {
        change.remindAt = remindAt(patch.dueAt !== undefined ? patch.dueAt : before.dueAt, patch.remindBefore !== undefined ? patch.remindBefore : before.remindBefore, this.options.activityReminders.minutesBefore);
      }
      return activities.update(tx, before, change);
    });
  }

  remove(actor: string, id: string, viewer: RecordViewer): Promise<void> {
    return this.db.transaction(actor, async (tx) => activities.remove(tx, await activities.visible(tx.manager, id, viewer)));
  }

  /** the owner exists; the record it is about exists and the viewer sees it (one they do not see is answered like an unknown id) */
  private async checkReferences(manager: EntityManager, input: { ownerId?: string | null; recordType?: RecordType | null; recordId?: string | null }, viewer: RecordViewer): Promise<void> {
    if (input.ownerId) await users.referenced(manager, input.ownerId, 'ownerId');
    if (!input.recordType !== !input.recordId) throw new CrmInvalidRequestError(`Invalid request body: 'recordType' and 'recordId' go together`);
    if (input.recordType && input.recordId) {
      const params: unknown[] = [input.recordId];
      const visible = visibleCondition(input.recordType, 'x', viewer, positionalBind(params)) ?? 'TRUE';
      const rows = await manager.query(`SELECT 1 FROM ${RECORD_DEFINITIONS[input.recordType].table} x WHERE x.id = $1 AND ${visible}`, params);
      if (rows.length === 0) throw new CrmInvalidRequestError(`Invalid request body: 'recordId' names no ${input.recordType} ('${input.recordId}')`, 'CRM_UNKNOWN_REFERENCE');
    }
  }
}
