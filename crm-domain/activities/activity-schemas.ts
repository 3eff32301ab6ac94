import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { q } from '../shared/list-query.js';
import { filters, listQuery, param } from '../shared/list-filters.js';
import { RECORD_TYPES } from '../shared/record-types.js';
import { ACTIVITY_KINDS } from './activity.entity.js';

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
});
export const activityListQuery = activityList.schema;

export type CreateActivity = z.infer<typeof createActivityBody>;
export type UpdateActivity = z.infer<typeof updateActivityBody>;
export type ActivityListQuery = z.infer<typeof activityListQuery>;
