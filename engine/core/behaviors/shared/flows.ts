import { ExecutionError } from '../../errors/index.js';
import { evaluateCondition } from '../../expressions/index.js';
import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';
import { flowOf } from '../../model/graph.js';
import { withCompletionQuantity } from './activity-quantities.js';

/** true if the flow has no condition or its condition holds in the scope */
export function flowConditionHolds(ctx: ElementRuntime, flowId: string, scopeId: string): boolean {
  const flow = flowOf(ctx.graph, flowId);
  if (!flow.condition) return true;
  try {
    return evaluateCondition(flow.condition, ctx.expressionContext(scopeId));
  } catch (error) {
    throw new ExecutionError(`Could not evaluate the condition of sequence flow '${flowId}': ${error instanceof Error ? error.message : String(error)}`, flowId);
  }
}

/** the flows an exclusive choice takes: the first whose condition holds, else the default */
export function chooseExclusive(ctx: ElementRuntime, node: FlowNode, scopeId: string): string | null {
  for (const flowId of node.outgoing) {
    if (flowId === node.defaultFlow) continue;
    if (flowConditionHolds(ctx, flowId, scopeId)) return flowId;
  }
  return node.defaultFlow;
}

/** the flows an inclusive choice takes: every one whose condition holds, else the default */
export function chooseInclusive(ctx: ElementRuntime, node: FlowNode, scopeId: string): string[] {
  const taken = node.outgoing.filter((flowId) => flowId !== node.defaultFlow && flowConditionHolds(ctx, flowId, scopeId));
  if (taken.length === 0 && node.defaultFlow) return [node.defaultFlow];
  return taken;
}

/**
 * The flows an activity or event takes (BPMN 2.0 10.2, "default"): every unconditional flow, every
 * conditional flow whose condition holds, and the default flow only when no conditional flow holds.
 */
export function chooseActivityFlows(ctx: ElementRuntime, node: FlowNode, scopeId: string): string[] {
  const candidates = node.outgoing.filter((flowId) => flowId !== node.defaultFlow);
  const unconditional = candidates.filter((flowId) => !flowOf(ctx.graph, flowId).condition);
  const conditionalTaken = candidates.filter((flowId) => flowOf(ctx.graph, flowId).condition && flowConditionHolds(ctx, flowId, scopeId));
  const taken = node.outgoing.filter((flowId) => unconditional.includes(flowId) || conditionalTaken.includes(flowId));
  if (conditionalTaken.length === 0 && node.defaultFlow) taken.push(node.defaultFlow);
  return taken;
}

/**
 * Leaving an activity or event: see chooseActivityFlows; each taken flow carries the activity's
 * completionQuantity of tokens. No outgoing flow at all is an implicit end.
 */
export function takeActivityFlows(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void {
  if (node.outgoing.length === 0) return;
  const scope = ctx.scopeOf(ei);
  const flows = chooseActivityFlows(ctx, node, scope.id);
  if (flows.length === 0) {
    throw new ExecutionError(`No outgoing sequence flow of '${node.id}' could be selected: no condition holds and there is no default flow`, node.id);
  }
  ctx.takeFlows(withCompletionQuantity(node, flows), scope);
}
