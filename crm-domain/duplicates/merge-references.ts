import type { RecordType } from '../shared/record-types.js';
import type { DuplicateType } from './duplicate-rules.js';

/** a column of another table that names a record of the merged type: re-pointed to the kept record */
export interface MergeReference {
  readonly table: string;
  readonly column: string;
  /** the referring record's type (its change log gets the re-pointing) and the field's API name */
  readonly recordType: RecordType;
  readonly field: string;
  /** what the answer calls the moved records */
  readonly moved: string;
}

/** Everything a merge moves, per type (activities about the record move too: see merge.service.ts). */
export const MERGE_REFERENCES: Readonly<Record<DuplicateType, readonly MergeReference[]>> = {
  company: [
    { table: 'crm.contacts', column: 'company_id', recordType: 'contact', field: 'companyId', moved: 'contacts' },
    { table: 'crm.deals', column: 'company_id', recordType: 'deal', field: 'companyId', moved: 'deals' },
    { table: 'crm.leads', column: 'converted_company_id', recordType: 'lead', field: 'convertedCompanyId', moved: 'leads' },
    { table: 'crm.complaints', column: 'company_id', recordType: 'complaint', field: 'companyId', moved: 'complaints' },
  ],
  contact: [
    { table: 'crm.deals', column: 'contact_id', recordType: 'deal', field: 'contactId', moved: 'deals' },
    { table: 'crm.leads', column: 'converted_contact_id', recordType: 'lead', field: 'convertedContactId', moved: 'leads' },
    { table: 'crm.complaints', column: 'contact_id', recordType: 'complaint', field: 'contactId', moved: 'complaints' },
  ],
  lead: [{ table: 'crm.deals', column: 'lead_id', recordType: 'deal', field: 'leadId', moved: 'deals' }],
};
