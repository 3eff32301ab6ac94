import type { CrmPage } from '../crm-page';

/** The workspace's pages for duplicates and merging. */
export const DUPLICATES_PAGES: readonly CrmPage[] = [];
