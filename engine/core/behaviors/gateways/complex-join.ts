import { ExecutionError } from '../../errors/index.js';
import { evaluateCondition, type ExpressionContext } from '../../expressions/index.js';
import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';
import { ownEntry } from '../../shared/own-entry.js';
import { canStillArrive } from './inclusive-join.js';
import { arrivalsAt, consumeArrivals } from './join-arrivals.js';

/** the number of incoming flows holding a token, as the activation condition reads it */
export const ACTIVATION_COUNT = 'activationCount';

/**
 * A complex join with an activation condition (BPMN 2.0 13.4.5). Waiting for start, it fires as
 * soon as the condition holds over the tokens waiting, consuming one from each flow that has one;
 * then, in its reset state, it waits for a token on each other incoming flow that can still get
 * one and consumes those without firing, before it waits for a start again. Run on every arrival
 * and whenever a token of the scope ends.
 */
export function settleComplexJoin(ctx: ElementRuntime, scope: ElementInstanceRecord, node: FlowNode): void {
  for (;;) {
    if (!finishReset(ctx, scope, node)) return;
    const withTokens = flowsWithTokens(ctx.requireElement(scope.id), node);
    if (withTokens.length === 0 || !activationHolds(ctx, scope, node, withTokens.length)) return;
    consumeArrivals(ctx, ctx.requireElement(scope.id), node.id, withTokens);
    const expected = node.incoming.filter((flowId) => !withTokens.includes(flowId));
    setReset(ctx, scope, node.id, expected);
    ctx.activate(node, ctx.requireElement(scope.id));
  }
}

/** consumes the tokens the reset state expects; true once the gateway waits for a start */
function finishReset(ctx: ElementRuntime, scope: ElementInstanceRecord, node: FlowNode): boolean {
  const current = ctx.requireElement(scope.id);
  const expected = ownEntry(current.data.complexResets ?? {}, node.id);
  if (!expected) return true;
  const arrivals = arrivalsAt(current, node.id);
  const arrived = expected.filter((flowId) => (ownEntry(arrivals, flowId) ?? 0) > 0);
  if (arrived.length > 0) consumeArrivals(ctx, current, node.id, arrived);
  const missing = expected.filter((flowId) => !arrived.includes(flowId));
  const waiting = missing.length > 0 && canStillArrive(ctx, ctx.requireElement(scope.id), node.id);
  setReset(ctx, scope, node.id, waiting ? missing : []);
  return !waiting;
}

function flowsWithTokens(scope: ElementInstanceRecord, node: FlowNode): string[] {
  const arrivals = arrivalsAt(scope, node.id);
  return node.incoming.filter((flowId) => (ownEntry(arrivals, flowId) ?? 0) > 0);
}

function activationHolds(ctx: ElementRuntime, scope: ElementInstanceRecord, node: FlowNode, activationCount: number): boolean {
  const variables = ctx.expressionContext(scope.id);
  const context: ExpressionContext = {
    resolve: (name) => (name === ACTIVATION_COUNT ? { found: true, value: activationCount } : variables.resolve(name)),
    now: () => variables.now(),
  };
  try {
    return evaluateCondition(node.activationCondition!, context);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExecutionError(`Could not evaluate the activation condition of complex gateway '${node.id}': ${reason}`, node.id);
  }
}

function setReset(ctx: ElementRuntime, scope: ElementInstanceRecord, gatewayId: string, expected: readonly string[]): void {
  const current = ctx.requireElement(scope.id);
  const all = current.data.complexResets ?? {};
  const had = ownEntry(all, gatewayId);
  if (!had && expected.length === 0) return;
  const next = { ...all };
  if (expected.length === 0) delete next[gatewayId];
  else next[gatewayId] = [...expected];
  ctx.updateData(current, { complexResets: next });
}
