import type { CrmPage } from '../crm-page';

/** The workspace's pages for the record lists and cards (companies, contacts, leads, deals, complaints, activities). */
export const RECORDS_PAGES: readonly CrmPage[] = [];
