import type { DuplicateType } from '../../../api/duplicates';

/** a row of the merge page: a label and how to read it from the record ('owner' and 'record' are names, looked up) */
export interface MergeField {
  readonly label: string;
  readonly field: string;
  readonly as?: 'owner' | 'record' | 'list' | 'date';
}

/** the fields shown side by side, per type */
export const MERGE_FIELDS: Readonly<Record<DuplicateType, readonly MergeField[]>> = {
  company: [
    { label: 'Name', field: 'name' },
    { label: 'Type', field: 'type' },
    { label: 'Tax id', field: 'taxId' },
    { label: 'City', field: 'city' },
    { label: 'Address', field: 'address' },
    { label: 'Email', field: 'email' },
    { label: 'Phones', field: 'phones', as: 'list' },
    { label: 'Industry', field: 'industry' },
    { label: 'Owner', field: 'ownerId', as: 'owner' },
    { label: 'Created', field: 'createdAt', as: 'date' },
  ],
  contact: [
    { label: 'Name', field: 'fullName' },
    { label: 'Company', field: 'companyId', as: 'record' },
    { label: 'Position', field: 'position' },
    { label: 'Email', field: 'email' },
    { label: 'Work phone', field: 'workPhone' },
    { label: 'Mobile phone', field: 'mobilePhone' },
    { label: 'Owner', field: 'ownerId', as: 'owner' },
    { label: 'Created', field: 'createdAt', as: 'date' },
  ],
  lead: [
    { label: 'Person', field: 'personName' },
    { label: 'Company', field: 'companyName' },
    { label: 'Email', field: 'email' },
    { label: 'Phone', field: 'phone' },
    { label: 'Source', field: 'source' },
    { label: 'Status', field: 'status' },
    { label: 'Estimated amount', field: 'estimatedAmount' },
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
