import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { pagingShape, q } from '../shared/list-query.js';
import { COMPANY_TYPES } from '../companies/company.entity.js';
import { LEAD_SOURCES, LEAD_STATUSES } from './lead.entity.js';

export const leadFields = {
  personName: field.name(),
  companyName: field.text(200).nullish(),
  email: field.email().nullish(),
  phone: field.phone().nullish(),
  estimatedAmount: field.amount().nullish(),
  currency: field.currency().optional(),
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

export const leadListQuery = z.strictObject({
  ...pagingShape,
  status: q.oneOf(LEAD_STATUSES),
  source: q.oneOf(LEAD_SOURCES),
  ownerId: q.id(),
  q: q.text(),
  minAmount: q.number(),
  maxAmount: q.number(),
  createdFrom: q.date(),
  createdTo: q.date(),
  archived: q.bool(),
});

export type CreateLead = z.infer<typeof createLeadBody>;
export type UpdateLead = z.infer<typeof updateLeadBody>;
export type ConvertLead = z.infer<typeof convertLeadBody>;
export type LeadListQuery = z.infer<typeof leadListQuery>;
