import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { q } from '../shared/list-query.js';
import { filters, listQuery, param } from '../shared/list-filters.js';
import { COMPANY_TYPES } from './company.entity.js';
import { taxIdField } from '../duplicates/duplicate-fields.js';

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
  city: field.text(100).nullish(),
  taxId: taxIdField().nullish(),
  ownerId: field.id().nullish(),
  /** every company has at least one contact: the first comes with it */
  primaryContact: z.strictObject(contactFields, { message: 'is required: a company has at least one contact' }),
});

export const updateCompanyBody = createCompanyBody.omit({ primaryContact: true }).partial();

export const companyList = listQuery({
  type: param(q.oneOf(COMPANY_TYPES), filters.equals('type')),
  industry: param(q.text(), filters.equals('industry')),
  ownerId: param(q.id(), filters.equals('owner_id')),
  q: param(q.text(), filters.startsWith('name', 'name')),
  archived: param(q.bool(), filters.archived()),
  createdFrom: param(q.date(), filters.atLeast('created_at')),
  createdTo: param(q.date(), filters.before('created_at')),
});
export const companyListQuery = companyList.schema;

export const createContactBody = z.strictObject({ companyId: field.id(), ...contactFields });
export const updateContactBody = createContactBody.partial();

export const contactList = listQuery({
  companyId: param(q.id(), filters.equals('company_id')),
  ownerId: param(q.id(), filters.equals('owner_id')),
  email: param(q.text(), filters.equalsIgnoringCase('email')),
  q: param(q.text(), filters.startsWith('full_name', 'fullName')),
  archived: param(q.bool(), filters.archived()),
});
export const contactListQuery = contactList.schema;

export type CreateCompany = z.infer<typeof createCompanyBody>;
export type UpdateCompany = z.infer<typeof updateCompanyBody>;
export type CompanyListQuery = z.infer<typeof companyListQuery>;
export type CreateContact = z.infer<typeof createContactBody>;
export type UpdateContact = z.infer<typeof updateContactBody>;
export type ContactListQuery = z.infer<typeof contactListQuery>;
