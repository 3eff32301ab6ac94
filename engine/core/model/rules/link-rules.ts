import type { FlowNode } from '../graph.js';
import { quote, type RuleContext } from './rule-context.js';
import { LINK_CATCH_HAS_THROW, LINK_CATCH_NO_INCOMING, LINK_TARGET_UNIQUE, LINK_THROW_NO_OUTGOING } from './catalogue.js';


/** link events are a go-to within one scope: the throw only enters, the catch only leaves */
export function checkLinkEvents(context: RuleContext): void {
  for (const { graph } of context.processes) {
    const links = [...graph.nodes.values()].filter((n) => n.eventDefinition?.kind === 'link');
    const catches = links.filter((n) => n.kind === 'intermediateCatchEvent');
    const throws = links.filter((n) => n.kind === 'intermediateThrowEvent');
    for (const node of catches) {
      if (node.incoming.length > 0) {
        context.issues.add(node.id, `Expected a link catch event to have no incoming sequence flow, but ${quote(node.incoming)} ${node.incoming.length === 1 ? 'enters' : 'enter'} it`, LINK_CATCH_NO_INCOMING);
      }
      if (!throws.some((t) => sameLink(t, node))) {
        context.issues.add(node.id, `Expected a link throw event named '${linkName(node)}' in the same scope to lead to this link catch event, but there is none`, LINK_CATCH_HAS_THROW);
      }
      const twin = catches.find((other) => other !== node && sameLink(other, node));
      if (twin && twin.id > node.id) {
        context.issues.add(node.id, `Expected one link catch event named '${linkName(node)}' per scope, but '${twin.id}' has that name too`, LINK_TARGET_UNIQUE);
      }
    }
    for (const node of throws) {
      if (node.outgoing.length > 0) {
        context.issues.add(node.id, `Expected a link throw event to have no outgoing sequence flow, but ${quote(node.outgoing)} ${node.outgoing.length === 1 ? 'leaves' : 'leave'} it`, LINK_THROW_NO_OUTGOING);
      }
    }
  }
}

function linkName(node: FlowNode): string {
  return node.eventDefinition?.kind === 'link' ? node.eventDefinition.linkName : '';
}

function sameLink(a: FlowNode, b: FlowNode): boolean {
  return a.scopeId === b.scopeId && linkName(a) === linkName(b);
}

