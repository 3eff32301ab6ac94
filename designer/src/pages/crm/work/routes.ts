import type { CrmPage } from '../crm-page';

/** The workspace's pages for my day, the pipeline board and the complaints desk. */
export const WORK_PAGES: readonly CrmPage[] = [];
