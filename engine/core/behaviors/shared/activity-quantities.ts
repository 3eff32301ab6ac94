import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';
import { arrivalsAt, consumeArrivals, recordArrival } from '../gateways/join-arrivals.js';

/**
 * BPMN 2.0 10.2 startQuantity: an activity starts once that many tokens arrived, on any of its
 * incoming flows (also several on one flow). The tokens wait like a join's arrivals, on the scope,
 * so they keep the scope open and go with it when it is cancelled. With a loop or multi-instance,
 * the tokens start the loop as a whole. true = the token waits; false = activate now.
 */
export function holdForStartQuantity(ctx: ElementRuntime, scope: ElementInstanceRecord, node: FlowNode, flowId: string): boolean {
  if (node.startQuantity <= 1) return false;
  const updated = recordArrival(ctx, scope, node.id, flowId);
  const waiting = arrivalsAt(updated, node.id);
  const total = Object.values(waiting).reduce((sum, count) => sum + count, 0);
  if (total < node.startQuantity) return true;
  consumeArrivals(ctx, updated, node.id, tokensToTake(waiting, node.startQuantity));
  return false;
}

/** one flow id per token to take, up to `quantity` tokens, the flows in arrival-table order */
function tokensToTake(waiting: Readonly<Record<string, number>>, quantity: number): string[] {
  const taken: string[] = [];
  for (const [flowId, count] of Object.entries(waiting)) {
    for (let i = 0; i < count && taken.length < quantity; i++) taken.push(flowId);
  }
  return taken;
}

/** BPMN 2.0 10.2 completionQuantity: each flow an activity takes carries that many tokens */
export function withCompletionQuantity(node: FlowNode, flowIds: readonly string[]): string[] {
  return flowIds.flatMap((flowId) => Array.from({ length: node.completionQuantity }, () => flowId));
}
