import { html } from '../../../app/html';
import { isUuid } from '../../../components/id-value';
import type { CrmPage } from '../crm-page';
import { ListPage } from './list-page';
import { RecordCard } from './record-card';
import { RECORD_KINDS } from './record-kinds';

/** The workspace's pages for the record lists and cards (companies, contacts, leads, deals, complaints, activities). */
export const RECORDS_PAGES: readonly CrmPage[] = RECORD_KINDS.flatMap((kind): CrmPage[] => [
  {
    matches: (segments) => segments.length === 1 && segments[0] === kind.list,
    render: ({ route, user }) => html`<${ListPage} key=${kind.list} kind=${kind} query=${route.query} user=${user} />`,
    tab: { path: `/crm/${kind.list}`, label: kind.plural, order: kind.tabOrder },
  },
  ...(kind.hasCard
    ? [{
        matches: (segments: readonly string[]) => segments.length === 2 && segments[0] === kind.list && isUuid(segments[1]!),
        render: ({ segments, user }: { segments: readonly string[]; user: import('../../../app/session').SessionUser }) =>
          html`<${RecordCard} key=${segments[1]} kind=${kind} id=${segments[1]!} user=${user} />`,
      }]
    : []),
]);
