import { html } from '../../app/html';
import { linkTo, type Route } from '../../app/router';
import { BatchesPage } from './batches-page';
import { DecisionPage } from './decision-page';
import { DecisionsPage } from './decisions-page';
import { DefinitionPage } from './definition-page';
import { DefinitionsPage } from './definitions-page';
import { InstancePage } from './instance-page';
import { InstancesPage } from './instances-page';
import { LiveView } from './live-view';

const TABS = [['/cockpit', 'Definitions'], ['/cockpit/decisions', 'Decisions'], ['/cockpit/instances', 'Instances'], ['/cockpit/live', 'Live'], ['/cockpit/batches', 'Batches']] as const;

/** The ops cockpit: definitions with counts, decisions with their evaluations, instances with filters and batches, one instance, live counts, batches. */
export function CockpitArea({ route }: { route: Route }) {
  const id = route.query.get('id');
  const page = route.path === '/cockpit/definition' && id ? html`<${DefinitionPage} id=${id} query=${route.query} />`
    : route.path === '/cockpit/decisions' ? html`<${DecisionsPage} query=${route.query} />`
    : route.path === '/cockpit/decision' && id ? html`<${DecisionPage} key=${id} id=${id} query=${route.query} />`
    : route.path === '/cockpit/instances' ? html`<${InstancesPage} query=${route.query} />`
    : route.path === '/cockpit/instance' && id ? html`<${InstancePage} key=${id} id=${id} />`
    : route.path === '/cockpit/live' ? html`<${LiveView} />`
    : route.path === '/cockpit/batches' ? html`<${BatchesPage} />`
    : html`<${DefinitionsPage} />`;
  return html`<div class="cockpit">
    <nav class="tabs">${TABS.map(([path, label]) => html`<a href=${path} class=${route.path === path ? 'active' : ''} onClick=${linkTo(path)}>${label}</a>`)}</nav>
    ${page}
  </div>`;
}
