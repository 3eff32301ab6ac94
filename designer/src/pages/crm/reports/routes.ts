import type { CrmPage } from '../crm-page';

/** The workspace's pages for the reports as charts. */
export const REPORTS_PAGES: readonly CrmPage[] = [];
