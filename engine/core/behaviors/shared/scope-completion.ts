import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import { nodeOf } from '../../model/graph.js';

/**
 * A scope (process or sub-process) completes when no token is left in it. The joins with tokens
 * waiting in it are asked first: a branch that just ended may be the one they waited for.
 */
export function completeScopeIfDone(ctx: ElementRuntime, scope: ElementInstanceRecord, endedChild?: ElementInstanceRecord): void {
  askWaitingJoins(ctx, scope);
  const current = ctx.element(scope.id);
  if (!current) return;
  if (ctx.aggregate.childrenOf(current.id).length > 0) return;
  if (hasPendingJoinArrivals(current)) return;
  if (current.kind === 'process') ctx.endProcess('COMPLETED', null, endedChild?.elementId ?? null);
  else ctx.complete(current);
}

/** every join holding arrivals in the scope (or a complex join in its reset) hears that a token of the scope ended */
export function askWaitingJoins(ctx: ElementRuntime, scope: ElementInstanceRecord): void {
  const current = ctx.element(scope.id);
  if (!current) return;
  const waiting = new Set([...Object.keys(current.data.joinArrivals ?? {}), ...Object.keys(current.data.complexResets ?? {})]);
  for (const gatewayId of waiting) {
    const node = nodeOf(ctx.graph, gatewayId);
    ctx.behaviorOf(node.kind).onTokenEndedInScope?.(ctx, current, node);
  }
}

export function hasPendingJoinArrivals(scope: ElementInstanceRecord): boolean {
  const arrivals = scope.data.joinArrivals;
  if (!arrivals) return false;
  return Object.values(arrivals).some((byFlow) => Object.values(byFlow).some((count) => count > 0));
}
