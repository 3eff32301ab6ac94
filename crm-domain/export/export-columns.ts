import type { Activity } from '../activities/activity.entity.js';
import type { Company } from '../companies/company.entity.js';
import type { Contact } from '../companies/contact.entity.js';
import type { Complaint } from '../complaints/complaint.entity.js';
import type { Deal } from '../deals/deal.entity.js';
import type { Lead } from '../leads/lead.entity.js';

/** names for the ids a row holds: users by id, records (companies, contacts, ...) by id */
export interface ExportNames {
  user(id: string | null): string | null;
  record(id: string | null): string | null;
}

export interface ExportColumn<E> {
  readonly header: string;
  readonly value: (row: E, names: ExportNames) => string | number | boolean | null;
}

/** which ids of a row need names */
export interface ExportNeeds<E> {
  readonly users: (row: E) => (string | null)[];
  readonly records: (row: E) => (string | null)[];
}

export interface ExportShape<E> {
  readonly columns: readonly ExportColumn<E>[];
  readonly needs: ExportNeeds<E>;
}

const col = <E>(header: string, value: ExportColumn<E>['value']): ExportColumn<E> => ({ header, value });
const time = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export const COMPANY_EXPORT: ExportShape<Company> = {
  columns: [
    col('Id', (c) => c.id), col('Name', (c) => c.name), col('Type', (c) => c.type), col('Industry', (c) => c.industry), col('Employees', (c) => c.employees),
    col('Founded', (c) => c.founded), col('Phones', (c) => c.phones.join('; ')), col('Email', (c) => c.email), col('Address', (c) => c.address), col('City', (c) => c.city), col('Tax id', (c) => c.taxId),
    col('Owner', (c, n) => n.user(c.ownerId)), col('Archived at', (c) => time(c.archivedAt)), col('Created at', (c) => time(c.createdAt)),
  ],
  needs: { users: (c) => [c.ownerId], records: () => [] },
};

export const CONTACT_EXPORT: ExportShape<Contact> = {
  columns: [
    col('Id', (c) => c.id), col('Full name', (c) => c.fullName), col('Company', (c, n) => n.record(c.companyId)), col('Position', (c) => c.position),
    col('Work phone', (c) => c.workPhone), col('Mobile phone', (c) => c.mobilePhone), col('Email', (c) => c.email), col('Birthday', (c) => c.birthday),
    col('Owner', (c, n) => n.user(c.ownerId)), col('Archived at', (c) => time(c.archivedAt)), col('Created at', (c) => time(c.createdAt)),
  ],
  needs: { users: (c) => [c.ownerId], records: (c) => [c.companyId] },
};

export const LEAD_EXPORT: ExportShape<Lead> = {
  columns: [
    col('Id', (l) => l.id), col('Person', (l) => l.personName), col('Company', (l) => l.companyName), col('Source', (l) => l.source), col('Status', (l) => l.status),
    col('Email', (l) => l.email), col('Phone', (l) => l.phone), col('Estimated amount', (l) => (l.estimatedAmount === null ? null : Number(l.estimatedAmount))),
    col('Currency', (l) => l.currency), col('Region', (l) => l.region), col('Owner', (l, n) => n.user(l.ownerId)), col('Created at', (l) => time(l.createdAt)),
  ],
  needs: { users: (l) => [l.ownerId], records: () => [] },
};

export const DEAL_EXPORT: ExportShape<Deal> = {
  columns: [
    col('Id', (d) => d.id), col('Title', (d) => d.title), col('Company', (d, n) => n.record(d.companyId)), col('Contact', (d, n) => n.record(d.contactId)),
    col('Stage', (d) => d.stage), col('Amount', (d) => Number(d.amount)), col('Currency', (d) => d.currency), col('Probability', (d) => d.probability),
    col('Expected close', (d) => d.expectedCloseDate), col('Product category', (d) => d.productCategory), col('Approval status', (d) => d.approvalStatus),
    col('Owner', (d, n) => n.user(d.ownerId)), col('Created at', (d) => time(d.createdAt)),
  ],
  needs: { users: (d) => [d.ownerId], records: (d) => [d.companyId, d.contactId] },
};

export const COMPLAINT_EXPORT: ExportShape<Complaint> = {
  columns: [
    col('Id', (c) => c.id), col('Company', (c, n) => n.record(c.companyId)), col('Contact', (c, n) => n.record(c.contactId)), col('Type', (c) => c.type),
    col('Channel', (c) => c.channel), col('Priority', (c) => c.priority), col('Status', (c) => c.status), col('Description', (c) => c.description),
    col('SLA due', (c) => time(c.slaDueAt)), col('Assignee', (c, n) => n.user(c.assigneeId)), col('Escalation level', (c) => c.escalationLevel),
    col('Created at', (c) => time(c.createdAt)),
  ],
  needs: { users: (c) => [c.assigneeId], records: (c) => [c.companyId, c.contactId] },
};

export const ACTIVITY_EXPORT: ExportShape<Activity> = {
  columns: [
    col('Id', (a) => a.id), col('Kind', (a) => a.kind), col('Subject', (a) => a.subject), col('Record type', (a) => a.recordType), col('Record', (a, n) => n.record(a.recordId)),
    col('Scheduled at', (a) => time(a.scheduledAt)), col('Due at', (a) => time(a.dueAt)), col('Done', (a) => a.done), col('Result', (a) => a.result),
    col('Owner', (a, n) => n.user(a.ownerId)), col('Created at', (a) => time(a.createdAt)),
  ],
  needs: { users: (a) => [a.ownerId], records: (a) => [a.recordId] },
};
