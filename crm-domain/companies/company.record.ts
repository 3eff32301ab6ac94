import type { RecordTypeDefinition } from '../shared/record-type-definition.js';

export const companyRecord = {
  type: 'company',
  path: 'companies',
  label: 'Company',
  table: 'crm.companies',
  title: 'name',
  owner: 'owner_id',
  customer: {
    address: 'SELECT email FROM crm.companies WHERE id = $1',
    addresses: 'SELECT email FROM crm.companies WHERE id = $1 UNION SELECT email FROM crm.contacts WHERE company_id = $1',
    missing: 'the company has no email',
  },
  contextAliases: { companyName: 'name' },
} as const satisfies RecordTypeDefinition;
