import type { ProcessGraph } from './graph.js';

/** gateways whose join waits for the tokens that can still arrive */
const REACHABILITY_JOINS: ReadonlySet<string> = new Set(['inclusiveGateway', 'complexGateway']);

/**
 * For every joining inclusive or complex gateway: the nodes of its scope from which a token can still reach
 * it. A token sitting in an activity can also leave through the activity's boundary events.
 * The join fires once no token in the scope stands on such a node.
 */
export function computeInclusiveJoinSources(graph: ProcessGraph): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const node of graph.nodes.values()) {
    if (!REACHABILITY_JOINS.has(node.kind) || node.incoming.length < 2) continue;
    result.set(node.id, predecessorsOf(graph, node.id));
  }
  return result;
}

function predecessorsOf(graph: ProcessGraph, targetId: string): Set<string> {
  const seen = new Set<string>();
  const queue = [targetId];
  while (queue.length > 0) {
    const current = graph.nodes.get(queue.pop()!);
    if (!current) continue;
    for (const flowId of current.incoming) {
      const source = graph.flows.get(flowId)?.sourceId;
      if (!source || seen.has(source)) continue;
      seen.add(source);
      queue.push(source);
      const sourceNode = graph.nodes.get(source);
      if (sourceNode?.kind === 'boundaryEvent' && sourceNode.attachedTo && !seen.has(sourceNode.attachedTo)) {
        seen.add(sourceNode.attachedTo);
        queue.push(sourceNode.attachedTo);
      }
    }
  }
  return seen;
}
