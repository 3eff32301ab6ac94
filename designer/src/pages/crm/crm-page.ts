import type { VNode } from 'preact';
import type { Route } from '../../app/router';
import type { SessionUser } from '../../app/session';

/** What a page of the CRM workspace gets: the route, the signed-in user, and the path after `/crm` split into segments. */
export interface CrmPageProps {
  readonly route: Route;
  readonly user: SessionUser;
  /** `/crm/companies/42` → `['companies', '42']`; `/crm` → `[]` */
  readonly segments: readonly string[];
}

/** One page of the workspace: which paths it answers, how it renders, and its tab (if it has one). */
export interface CrmPage {
  readonly matches: (segments: readonly string[]) => boolean;
  readonly render: (props: CrmPageProps) => VNode | null;
  /** a tab in the workspace's navigation; `order` places it, `path` is its link */
  readonly tab?: { readonly path: string; readonly label: string; readonly order: number; readonly visible?: (user: SessionUser) => boolean };
}
