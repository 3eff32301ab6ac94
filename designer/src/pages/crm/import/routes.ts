import { html } from '../../../app/html';
import type { CrmPage } from '../crm-page';
import { ImportPage } from './import-page';

/** directors and admins import (the server's `crm.import` permission) */
const IMPORTING_ROLES = new Set(['director', 'admin']);

/** The workspace's pages for import and export. */
export const IMPORT_PAGES: readonly CrmPage[] = [
  {
    matches: (segments) => segments[0] === 'import',
    render: ({ route }) => html`<${ImportPage} route=${route} />`,
    tab: { path: '/crm/import', label: 'Import', order: 90, visible: (user) => IMPORTING_ROLES.has(user.role) },
  },
];
