import { companyCustomer } from '../shared/company-customer.js';
import type { RecordTypeDefinition } from '../shared/record-type-definition.js';

export const dealRecord = {
  type: 'deal',
  path: 'deals',
  label: 'Deal',
  table: 'crm.deals',
  title: 'title',
  owner: 'owner_id',
  names: { company: 'company_id', contact: 'contact_id' },
  customer: companyCustomer('crm.deals', 'deal'),
} as const satisfies RecordTypeDefinition;
