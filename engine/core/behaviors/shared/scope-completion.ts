import type { ExecutionContext } from '../../execution/execution-context.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import { fireReadyInclusiveJoins } from '../gateways/inclusive-join.js';

/**
 * A scope (process or sub-process) completes when no token is left in it. Waiting inclusive
 * joins are re-checked first: a branch that just ended may be the one they waited for.
 */
export function completeScopeIfDone(ctx: ExecutionContext, scope: ElementInstanceRecord, endedChild?: ElementInstanceRecord): void {
  fireReadyInclusiveJoins(ctx, scope);
  const current = ctx.element(scope.id);
  if (!current) return;
  if (ctx.aggregate.childrenOf(current.id).length > 0) return;
  if (hasPendingJoinArrivals(current)) return;
  if (current.kind === 'process') ctx.endProcess('COMPLETED', null, endedChild?.elementId ?? null);
  else ctx.complete(current);
}

function hasPendingJoinArrivals(scope: ElementInstanceRecord): boolean {
  const arrivals = scope.data.joinArrivals;
  if (!arrivals) return false;
  return Object.values(arrivals).some((byFlow) => Object.values(byFlow).some((count) => count > 0));
}
