import type { RecordTypeDefinition } from '../shared/record-type-definition.js';

export const contactRecord = {
  type: 'contact',
  path: 'contacts',
  label: 'Contact',
  table: 'crm.contacts',
  title: 'full_name',
  owner: 'owner_id',
  names: { company: 'company_id' },
  visibleWith: { column: 'company_id', type: 'company' },
  customer: {
    address: 'SELECT email FROM crm.contacts WHERE id = $1',
    addresses: `SELECT email FROM crm.contacts WHERE id = $1
              UNION SELECT c.email FROM crm.contacts p JOIN crm.companies c ON c.id = p.company_id WHERE p.id = $1`,
    missing: 'the contact has no email',
  },
} as const satisfies RecordTypeDefinition;
