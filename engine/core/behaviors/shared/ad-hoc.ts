import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';
import { hasPendingJoinArrivals } from './scope-completion.js';

/**
 * An ad-hoc sub-process has reached its end (its completion condition held, or someone completed
 * it): with cancelRemainingInstances its running inner activities are cancelled and it completes;
 * without, it completes once they have ended, and starts nothing new meanwhile.
 */
export function endAdHocSubProcess(ctx: ElementRuntime, adHoc: ElementInstanceRecord, node: FlowNode): void {
  if (node.adHoc!.cancelRemainingInstances) ctx.terminateChildren(adHoc, 'ad-hoc sub-process completed');
  completeAdHocIfIdle(ctx, ctx.requireElement(adHoc.id));
}

function completeAdHocIfIdle(ctx: ElementRuntime, adHoc: ElementInstanceRecord): void {
  if (ctx.aggregate.childrenOf(adHoc.id).length === 0 && !hasPendingJoinArrivals(adHoc)) ctx.complete(adHoc);
  else if (!adHoc.data.adHocEnding) ctx.updateData(adHoc, { adHocEnding: true });
}

/** whether the completion condition holds now; false without one (then someone completes it) */
export function adHocCompletionConditionHolds(ctx: ElementRuntime, adHoc: ElementInstanceRecord, node: FlowNode): boolean {
  const condition = node.adHoc!.completionCondition;
  return condition !== null && ctx.evaluate(condition, adHoc.id, node.id) === true;
}

/** an inner element of the ad-hoc sub-process ended: is it over now? */
export function adHocChildEnded(ctx: ElementRuntime, adHoc: ElementInstanceRecord, node: FlowNode): void {
  if (adHoc.state !== 'ACTIVE') return;
  if (adHoc.data.adHocEnding) completeAdHocIfIdle(ctx, adHoc);
  else if (adHocCompletionConditionHolds(ctx, adHoc, node)) endAdHocSubProcess(ctx, adHoc, node);
}

/** null if `activity` may be started in the ad-hoc sub-process instance now, else why not (a conflict with its state) */
export function adHocStartConflict(ctx: ElementRuntime, adHoc: ElementInstanceRecord, node: FlowNode): string | null {
  if (adHoc.state !== 'ACTIVE') return `it is not active yet or is completing (${adHoc.state.toLowerCase()})`;
  if (adHoc.data.adHocEnding) return 'it is ending: it waits for its running activities to finish';
  const running = ctx.aggregate.childrenOf(adHoc.id);
  if (node.adHoc!.ordering === 'sequential' && running.length > 0) {
    return `its ordering is Sequential and '${running[0]!.elementId}' is still running`;
  }
  return null;
}
