import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { q } from '../shared/list-query.js';
import { filters, listQuery, param } from '../shared/list-filters.js';
import { COMPANY_TYPES } from '../companies/company.entity.js';
import { LEAD_SOURCES, LEAD_STATUSES } from './lead.entity.js';

export const leadFields = {
  personName: field.name(),
  companyName: field.text(200).nullish(),
  email: field.email().nullish(),
  phone: field.phone().nullish(),
  estimatedAmount: field.amount().nullish(),
  currency: field.currency().optional(),
  region: field.text(200).nullish(),
  notes: field.text(4000).nullish(),
};

export const createLeadBody = z.strictObject({
  source: field.oneOf(LEAD_SOURCES),
  ...leadFields,
  ownerId: field.id().nullish(),
});

/** conversion and disqualification have their own endpoints (they drive the lead's process) */
export const updateLeadBody = z.strictObject({
  ...leadFields,
  source: field.oneOf(LEAD_SOURCES),
  ownerId: field.id().nullish(),
  status: field.oneOf(['new', 'qualifying'] as const),
}).partial();

export const convertLeadBody = z.strictObject({
  /** convert into an existing company (a new contact is added to it); else a company is created */
  companyId: field.id().optional(),
  companyType: field.oneOf(COMPANY_TYPES).optional(),
  dealTitle: field.name().optional(),
  amount: field.amount().optional(),
  currency: field.currency().optional(),
  expectedCloseDate: field.date().optional(),
});

export const disqualifyLeadBody = z.strictObject({ reason: field.name(1000) });

export const leadList = listQuery({
  status: param(q.oneOf(LEAD_STATUSES), filters.equals('status')),
  source: param(q.oneOf(LEAD_SOURCES), filters.equals('source')),
  ownerId: param(q.id(), filters.equals('owner_id')),
  /** the leads converted into a company (a company card lists them) */
  convertedCompanyId: param(q.id(), filters.equals('converted_company_id')),
  q: param(q.text(), filters.startsWith('person_name', 'personName')),
  minAmount: param(q.number(), filters.atLeast('estimated_amount')),
  maxAmount: param(q.number(), filters.atMost('estimated_amount')),
  createdFrom: param(q.date(), filters.atLeast('created_at')),
  createdTo: param(q.date(), filters.before('created_at')),
  archived: param(q.bool(), filters.archived()),
});
export const leadListQuery = leadList.schema;

export type CreateLead = z.infer<typeof createLeadBody>;
export type UpdateLead = z.infer<typeof updateLeadBody>;
export type ConvertLead = z.infer<typeof convertLeadBody>;
export type LeadListQuery = z.infer<typeof leadListQuery>;
