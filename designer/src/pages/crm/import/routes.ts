import type { CrmPage } from '../crm-page';

/** The workspace's pages for import and export. */
export const IMPORT_PAGES: readonly CrmPage[] = [];
