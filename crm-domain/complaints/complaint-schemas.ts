import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { pagingShape, q } from '../shared/list-query.js';
import { COMPLAINT_CHANNELS, COMPLAINT_PRIORITIES, COMPLAINT_STATUSES, COMPLAINT_TYPES } from './complaint.entity.js';

export const createComplaintBody = z.strictObject({
  companyId: field.id(),
  contactId: field.id().nullish(),
  type: field.oneOf(COMPLAINT_TYPES),
  channel: field.oneOf(COMPLAINT_CHANNELS),
  description: field.name(10_000),
  priority: field.oneOf(COMPLAINT_PRIORITIES),
  /** defaults to the least loaded service manager */
  assigneeId: field.id().nullish(),
});

/** resolving has its own endpoint (it tells the SLA process); closing is the process's last step */
export const updateComplaintBody = z.strictObject({
  contactId: field.id().nullish(),
  type: field.oneOf(COMPLAINT_TYPES),
  channel: field.oneOf(COMPLAINT_CHANNELS),
  description: field.name(10_000),
  priority: field.oneOf(COMPLAINT_PRIORITIES),
  assigneeId: field.id().nullish(),
  status: field.oneOf(['new', 'in_progress'] as const),
}).partial();

export const resolveComplaintBody = z.strictObject({ resolution: field.name(10_000) });
export const customerReplyBody = z.strictObject({ message: field.name(10_000) });

export const complaintListQuery = z.strictObject({
  ...pagingShape,
  status: q.oneOf(COMPLAINT_STATUSES),
  priority: q.oneOf(COMPLAINT_PRIORITIES),
  type: q.oneOf(COMPLAINT_TYPES),
  channel: q.oneOf(COMPLAINT_CHANNELS),
  assigneeId: q.id(),
  companyId: q.id(),
  overdue: q.bool(),
  createdFrom: q.date(),
  createdTo: q.date(),
  archived: q.bool(),
});

export type CreateComplaint = z.infer<typeof createComplaintBody>;
export type UpdateComplaint = z.infer<typeof updateComplaintBody>;
export type ComplaintListQuery = z.infer<typeof complaintListQuery>;
