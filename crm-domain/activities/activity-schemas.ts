import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { pagingShape, q } from '../shared/list-query.js';
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

export const activityListQuery = z.strictObject({
  ...pagingShape,
  kind: q.oneOf(ACTIVITY_KINDS),
  ownerId: q.id(),
  recordType: q.oneOf(RECORD_TYPES),
  recordId: q.id(),
  done: q.bool(),
  dueBefore: q.date(),
  dueAfter: q.date(),
});

export type CreateActivity = z.infer<typeof createActivityBody>;
export type UpdateActivity = z.infer<typeof updateActivityBody>;
export type ActivityListQuery = z.infer<typeof activityListQuery>;
