import type { FlowNode, InstantiatingEntry, SequenceFlow } from './graph.js';
import type { ModdleElement } from './moddle-reader.js';
import type { ParseIssues } from './parse-issues.js';

const INSTANTIATING_TYPES: ReadonlySet<string> = new Set(['bpmn:ReceiveTask', 'bpmn:EventBasedGateway']);

/**
 * BPMN 2.0 instantiating elements (sections 10.3.2 and 10.6.6): a receive task or an exclusive
 * event-based gateway with `instantiate="true"` and no incoming flow, directly in the process, starts
 * an instance when its event happens, as a start event would. Each event that can start the process
 * becomes an entry: the catch element whose event is subscribed at deploy, and the element the
 * instance enters through (the receive task itself, or the gateway, which then takes that event's path).
 */
export function readInstantiatingEntries(
  process: ModdleElement,
  nodes: ReadonlyMap<string, FlowNode>,
  flows: ReadonlyMap<string, SequenceFlow>,
  issues: ParseIssues,
): InstantiatingEntry[] {
  const entries: InstantiatingEntry[] = [];
  for (const element of instantiatingElements(process)) {
    const node = element.id ? nodes.get(element.id) : undefined;
    if (!node) continue;
    if (node.scopeId !== process.id) {
      issues.add(node.id, `Expected an instantiating ${node.kind} directly in the process, but it is inside '${node.scopeId}'`);
      continue;
    }
    if (node.incoming.length > 0) {
      issues.add(node.id, `Expected an instantiating ${node.kind} (instantiate="true") to have no incoming sequence flow, but it has ${node.incoming.length}`);
      continue;
    }
    if (node.kind === 'receiveTask') {
      entries.push({ catchId: node.id, entryId: node.id });
      continue;
    }
    const gatewayType = element['eventGatewayType'] ?? 'Exclusive';
    if (gatewayType !== 'Exclusive') {
      issues.add(node.id, `Expected an instantiating event-based gateway of eventGatewayType "Exclusive", but it is "${String(gatewayType)}": a parallel one would start one instance for several events, which is not supported`);
      continue;
    }
    for (const flowId of node.outgoing) {
      const target = nodes.get(flows.get(flowId)?.targetId ?? '');
      if (!target) continue;
      if (target.eventDefinition?.kind === 'conditional') {
        issues.add(node.id, `Expected the events of an instantiating event-based gateway to be messages, signals, timers or receive tasks, but '${target.id}' is conditional (conditional process starts are not supported)`);
        continue;
      }
      entries.push({ catchId: target.id, entryId: node.id });
    }
  }
  return entries;
}

function instantiatingElements(container: ModdleElement): ModdleElement[] {
  const found: ModdleElement[] = [];
  for (const element of (container['flowElements'] as ModdleElement[] | undefined) ?? []) {
    if (INSTANTIATING_TYPES.has(element.$type) && element['instantiate'] === true) found.push(element);
    if (element['flowElements']) found.push(...instantiatingElements(element));
  }
  return found;
}

/** the entry a trigger of `catchId` starts the process through, if it is an instantiating element's event */
export function instantiatingEntryOf(entries: readonly InstantiatingEntry[], catchId: string): InstantiatingEntry | undefined {
  return entries.find((entry) => entry.catchId === catchId);
}
