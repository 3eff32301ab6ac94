import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { q } from '../shared/list-query.js';
import { filters, listQuery, param } from '../shared/list-filters.js';
import { RECORD_TYPES } from '../shared/record-types.js';
import { ACTIVITY_KINDS } from './activity.entity.js';

/** a week: the reminder sweep looks back no further than this */
export const MAX_REMIND_BEFORE_MINUTES = 10_080;

const activityFields = {
  kind: field.oneOf(ACTIVITY_KINDS),
  subject: field.name(500),
  scheduledAt: field.dateTime().nullish(),
  dueAt: field.dateTime().nullish(),
  done: z.boolean({ message: 'expected true or false' }).optional(),
  result: field.text(10_000).nullish(),
  ownerId: field.id().nullish(),
  recordType: field.oneOf(RECORD_TYPES).nullish(),
  recordId: field.id().nullish(),
  /** minutes before `dueAt` the owner is reminded (0: no reminder); default from the CRM's options */
  remindBefore: z.number({ message: 'expected a number of minutes' }).int({ message: 'expected whole minutes' }).min(0, { message: 'must be 0 to 10080 (a week)' }).max(MAX_REMIND_BEFORE_MINUTES, { message: 'must be 0 to 10080 (a week)' }).nullish(),
};

export const createActivityBody = z.strictObject(activityFields);
export const updateActivityBody = z.strictObject(activityFields).partial();

export const activityList = listQuery({
  kind: param(q.oneOf(ACTIVITY_KINDS), filters.equals('kind')),
  ownerId: param(q.id(), filters.equals('owner_id')),
  recordType: param(q.oneOf(RECORD_TYPES), filters.equals('record_type')),
  recordId: param(q.id(), filters.equals('record_id')),
  done: param(q.bool(), filters.equals('done')),
  dueBefore: param(q.date(), filters.before('due_at')),
  dueAfter: param(q.date(), filters.atLeast('due_at')),
  /** not done and past the due time */
  overdue: param(q.bool(), filters.when((col) => `NOT ${col('done')} AND ${col('due_at')} < now()`)),
});
export const activityListQuery = activityList.schema;

export type CreateActivity = z.infer<typeof createActivityBody>;
export type UpdateActivity = z.infer<typeof updateActivityBody>;
export type ActivityListQuery = z.infer<typeof activityListQuery>;
