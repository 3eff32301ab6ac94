import { html } from '../../../app/html';
import type { CrmPage } from '../crm-page';
import { MergePage } from './merge-page';

/** The workspace's pages for duplicates and merging: the merge page (/crm/merge?type=…&keep=…&duplicate=…); no tab, record cards link to it. */
export const DUPLICATES_PAGES: readonly CrmPage[] = [
  { matches: (segments) => segments[0] === 'merge' && segments.length === 1, render: (props) => html`<${MergePage} ...${props} />` },
];
