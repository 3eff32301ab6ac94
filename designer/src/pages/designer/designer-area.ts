import { html } from '../../app/html';
import type { Route } from '../../app/router';
import { ComparePage } from './compare-page';
import { DesignerPage } from './designer-page';

export function DesignerArea({ route }: { route: Route }) {
  return route.path === '/designer/compare' ? html`<${ComparePage} route=${route} />` : html`<${DesignerPage} route=${route} />`;
}
