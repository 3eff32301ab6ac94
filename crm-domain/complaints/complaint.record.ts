import { companyCustomer } from '../shared/company-customer.js';
import type { RecordTypeDefinition } from '../shared/record-type-definition.js';

export const complaintRecord = {
  type: 'complaint',
  path: 'complaints',
  label: 'Complaint',
  table: 'crm.complaints',
  title: `type || ': ' || left(description, 80)`,
  /** its assignee */
  owner: 'assignee_id',
  names: { company: 'company_id', contact: 'contact_id' },
  customer: companyCustomer('crm.complaints', 'complaint'),
} as const satisfies RecordTypeDefinition;
