import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { q } from '../shared/list-query.js';
import { filters, listQuery, param } from '../shared/list-filters.js';
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
  /** waiting_for_customer stops the SLA clock until the customer replies or the status goes back */
  status: field.oneOf(['new', 'in_progress', 'waiting_for_customer'] as const),
}).partial();

export const resolveComplaintBody = z.strictObject({ resolution: field.name(10_000) });
export const customerReplyBody = z.strictObject({ message: field.name(10_000) });

export const complaintList = listQuery({
  status: param(q.oneOf(COMPLAINT_STATUSES), filters.equals('status')),
  priority: param(q.oneOf(COMPLAINT_PRIORITIES), filters.equals('priority')),
  type: param(q.oneOf(COMPLAINT_TYPES), filters.equals('type')),
  channel: param(q.oneOf(COMPLAINT_CHANNELS), filters.equals('channel')),
  assigneeId: param(q.id(), filters.equals('assignee_id')),
  /** assigned to the team's members */
  teamId: param(q.id(), filters.inTeam('assignee_id')),
  companyId: param(q.id(), filters.equals('company_id')),
  /** open and past the SLA */
  overdue: param(q.bool(), filters.when((col) => `${col('status')} IN ('new', 'in_progress') AND ${col('sla_due_at')} < now()`)),
  /** not yet resolved or closed (the complaints desk's queue: with sort=slaDueAt, breached first) */
  open: param(q.bool(), filters.when((col) => `${col('status')} NOT IN ('resolved', 'closed')`)),
  slaDueBefore: param(q.date(), filters.before('sla_due_at')),
  createdFrom: param(q.date(), filters.atLeast('created_at')),
  createdTo: param(q.date(), filters.before('created_at')),
  archived: param(q.bool(), filters.archived()),
});
export const complaintListQuery = complaintList.schema;

export type CreateComplaint = z.infer<typeof createComplaintBody>;
export type UpdateComplaint = z.infer<typeof updateComplaintBody>;
export type ComplaintListQuery = z.infer<typeof complaintListQuery>;
