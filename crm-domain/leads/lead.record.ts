import type { RecordTypeDefinition } from '../shared/record-type-definition.js';

export const leadRecord = {
  type: 'lead',
  path: 'leads',
  label: 'Lead',
  table: 'crm.leads',
  title: `person_name || coalesce(' (' || company_name || ')', '')`,
  owner: 'owner_id',
  customer: {
    address: 'SELECT email FROM crm.leads WHERE id = $1',
    addresses: 'SELECT email FROM crm.leads WHERE id = $1',
    missing: 'the lead has no email',
  },
  contextAliases: { amount: 'estimatedAmount' },
} as const satisfies RecordTypeDefinition;
