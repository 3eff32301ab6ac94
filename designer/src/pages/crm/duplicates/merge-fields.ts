import type { DuplicateType } from '../../../api/duplicates';

/** a row of the merge page: a label and how to read it from the record ('owner' and 'record' are names, looked up) */
export interface MergeField {
  readonly label: string;
  readonly field: string;
  readonly as?: 'owner' | 'record' | 'list' | 'date';
  /** the kept record may take the duplicate's value (`one`), or also keep both (`both`), as the server's merge-fields.ts allows */
  readonly take?: 'one' | 'both';
}

/** the fields shown side by side, per type */
export const MERGE_FIELDS: Readonly<Record<DuplicateType, readonly MergeField[]>> = {
  company: [
    { label: 'Name', field: 'name', take: 'one' },
    { label: 'Type', field: 'type', take: 'one' },
    { label: 'Tax id', field: 'taxId', take: 'one' },
    { label: 'City', field: 'city', take: 'one' },
    { label: 'Address', field: 'address', take: 'one' },
    { label: 'Email', field: 'email', take: 'one' },
    { label: 'Phones', field: 'phones', as: 'list', take: 'both' },
    { label: 'Industry', field: 'industry', take: 'one' },
    { label: 'Owner', field: 'ownerId', as: 'owner' },
    { label: 'Created', field: 'createdAt', as: 'date' },
  ],
  contact: [
    { label: 'Name', field: 'fullName', take: 'one' },
    { label: 'Company', field: 'companyId', as: 'record' },
    { label: 'Position', field: 'position', take: 'one' },
    { label: 'Email', field: 'email', take: 'one' },
    { label: 'Work phone', field: 'workPhone', take: 'one' },
    { label: 'Mobile phone', field: 'mobilePhone', take: 'one' },
    { label: 'Owner', field: 'ownerId', as: 'owner' },
    { label: 'Created', field: 'createdAt', as: 'date' },
  ],
  lead: [
    { label: 'Person', field: 'personName', take: 'one' },
    { label: 'Company', field: 'companyName', take: 'one' },
    { label: 'Email', field: 'email', take: 'one' },
    { label: 'Phone', field: 'phone', take: 'one' },
    { label: 'Source', field: 'source', take: 'one' },
    { label: 'Status', field: 'status' },
    { label: 'Estimated amount', field: 'estimatedAmount', take: 'one' },
    { label: 'Notes', field: 'notes', take: 'both' },
    { label: 'Owner', field: 'ownerId', as: 'owner' },
    { label: 'Created', field: 'createdAt', as: 'date' },
  ],
};

/** what a merge moves, by type (as the server's merge does: README, *Duplicates and merging*) */
export const MERGE_MOVES: Readonly<Record<DuplicateType, string>> = {
  company: 'its contacts, deals, converted leads, complaints and activities',
  contact: 'its deals, complaints, converted leads and activities',
  lead: 'its deals and activities',
};
