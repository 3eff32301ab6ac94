import type { FlowNode } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';
import { moddleElementsOf, type RuleContext } from './rule-context.js';
import { EVENT_GATEWAY_INSTANTIATE_NO_INCOMING, GATEWAY_DIRECTION, GATEWAY_PASS_THROUGH, PARALLEL_GATEWAY_CONDITIONS } from './catalogue.js';


export function checkGateways(context: RuleContext): void {
  for (const { process, graph } of context.processes) {
    const elements = moddleElementsOf(process);
    for (const node of graph.nodes.values()) {
      if (!node.kind.endsWith('Gateway')) continue;
      const element = elements.get(node.id);
      if (element) {
        checkDirection(node, element, context);
        checkInstantiate(node, element, context);
      }
      if (node.incoming.length === 1 && node.outgoing.length === 1) {
        context.issues.warn(node.id, 'Expected a gateway to split or join, but it has one incoming and one outgoing sequence flow, so it does nothing', GATEWAY_PASS_THROUGH);
      }
      if (node.kind === 'parallelGateway') {
        for (const flowId of node.outgoing.filter((id) => graph.flows.get(id)?.condition)) {
          context.issues.warn(flowId, `Expected no condition on a flow leaving the parallel gateway '${node.id}', but it has one: a parallel gateway takes every outgoing flow, so the condition is never evaluated`, PARALLEL_GATEWAY_CONDITIONS);
        }
      }
    }
  }
}

/** Table 8.46: Converging joins into at most one flow, Diverging splits from at most one, Mixed does both */
function checkDirection(node: FlowNode, element: ModdleElement, context: RuleContext): void {
  const direction = element['gatewayDirection'];
  const incoming = node.incoming.length;
  const outgoing = node.outgoing.length;
  const wrong = (what: string) =>
    context.issues.add(node.id, `Expected a gateway with gatewayDirection="${String(direction)}" to have ${what}, but it has ${incoming} incoming and ${outgoing} outgoing sequence flows`, GATEWAY_DIRECTION);
  if (direction === 'Converging' && outgoing > 1) wrong('at most one outgoing sequence flow');
  if (direction === 'Diverging' && incoming > 1) wrong('at most one incoming sequence flow');
  if (direction === 'Mixed' && (incoming < 2 || outgoing < 2)) wrong('several incoming and several outgoing sequence flows');
}

function checkInstantiate(node: FlowNode, element: ModdleElement, context: RuleContext): void {
  if (node.kind !== 'eventBasedGateway' || element['instantiate'] !== true || node.incoming.length === 0) return;
  context.issues.add(node.id, `Expected an instantiating event-based gateway (instantiate="true") to have no incoming sequence flow, but ${node.incoming.map((id) => `'${id}'`).join(', ')} ${node.incoming.length === 1 ? 'enters' : 'enter'} it`, EVENT_GATEWAY_INSTANTIATE_NO_INCOMING);
}
