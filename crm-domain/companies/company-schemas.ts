import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { pagingShape, q } from '../shared/list-query.js';
import { COMPANY_TYPES } from './company.entity.js';

export const contactFields = {
  fullName: field.name(),
  position: field.text(200).nullish(),
  workPhone: field.phone().nullish(),
  mobilePhone: field.phone().nullish(),
  email: field.email().nullish(),
  birthday: field.date().nullish(),
  ownerId: field.id().nullish(),
};

export const createCompanyBody = z.strictObject({
  name: field.name(),
  type: field.oneOf(COMPANY_TYPES),
  industry: field.text(100).nullish(),
  employees: z.number({ message: 'expected a number' }).int({ message: 'expected a whole number' }).min(0).max(10_000_000).nullish(),
  founded: field.date().nullish(),
  phones: z.array(field.phone()).max(10, { message: 'at most 10 phone numbers' }).optional(),
  email: field.email().nullish(),
  address: field.text(500).nullish(),
  ownerId: field.id().nullish(),
  /** every company has at least one contact: the first comes with it */
  primaryContact: z.strictObject(contactFields, { message: 'is required: a company has at least one contact' }),
});

export const updateCompanyBody = createCompanyBody.omit({ primaryContact: true }).partial();

export const companyListQuery = z.strictObject({
  ...pagingShape,
  type: q.oneOf(COMPANY_TYPES),
  industry: q.text(),
  ownerId: q.id(),
  q: q.text(),
  archived: q.bool(),
  createdFrom: q.date(),
  createdTo: q.date(),
});

export const createContactBody = z.strictObject({ companyId: field.id(), ...contactFields });
export const updateContactBody = createContactBody.partial();

export const contactListQuery = z.strictObject({
  ...pagingShape,
  companyId: q.id(),
  ownerId: q.id(),
  email: q.text(),
  q: q.text(),
  archived: q.bool(),
});

export type CreateCompany = z.infer<typeof createCompanyBody>;
export type UpdateCompany = z.infer<typeof updateCompanyBody>;
export type CompanyListQuery = z.infer<typeof companyListQuery>;
export type CreateContact = z.infer<typeof createContactBody>;
export type UpdateContact = z.infer<typeof updateContactBody>;
export type ContactListQuery = z.infer<typeof contactListQuery>;
