import { adHocStartConflict, endAdHocSubProcess } from '../behaviors/shared/ad-hoc.js';
import { BadUserRequestError, ConflictError, NotFoundError } from '../errors/index.js';
import { activityTypeOf } from '../execution/activity-types.js';
import type { ExecutionContext } from '../execution/execution-context.js';
import type { ElementInstanceRecord } from '../execution/records.js';
import type { FlowNode } from '../model/graph.js';
import type { CommandScope } from './command-scope.js';

/** An ad-hoc sub-process instance of a process instance, named by its activity instance id or, when it runs once, its element id. */
export interface AdHocTarget {
  readonly processInstanceId: string;
  readonly adHoc: string;
}

export interface EnabledActivity {
  readonly activityId: string;
  readonly activityName: string | null;
  readonly activityType: string;
}

export interface AdHocSubProcessView {
  readonly activityInstanceId: string;
  readonly activityId: string;
  readonly enabledActivities: readonly EnabledActivity[];
  /** null if an enabled activity may be started now, else why not */
  readonly startConflict: string | null;
}

export interface StartedAdHocActivity {
  readonly activityInstanceId: string;
  readonly activityId: string;
  readonly adHocActivityInstanceId: string;
}

/** what someone may start in the ad-hoc sub-process instance, and whether they may now */
export async function describeAdHocSubProcess(scope: CommandScope, target: AdHocTarget): Promise<AdHocSubProcessView> {
  const { ctx } = await scope.requireInstance(target.processInstanceId);
  const { instance, node } = resolveAdHocInstance(ctx, target);
  return {
    activityInstanceId: instance.id,
    activityId: node.id,
    enabledActivities: node.adHoc!.enabledActivities.map((id) => {
      const activity = ctx.graph.nodes.get(id)!;
      return { activityId: id, activityName: activity.name, activityType: activityTypeOf(activity) };
    }),
    startConflict: adHocStartConflict(ctx, instance, node),
  };
}

/** starts an enabled activity of the ad-hoc sub-process instance, as a case worker does */
export async function startAdHocActivity(scope: CommandScope, target: AdHocTarget, activityId: string): Promise<StartedAdHocActivity> {
  const { ctx } = await scope.requireInstance(target.processInstanceId);
  const { instance, node } = resolveAdHocInstance(ctx, target);
  const activity = requireEnabledActivity(ctx, node, activityId);
  const conflict = adHocStartConflict(ctx, instance, node);
  if (conflict) throw new ConflictError(`Cannot start '${activityId}' in ad-hoc sub-process '${node.id}': ${conflict}`);
  const started = ctx.activate(activity, instance);
  await scope.settle(ctx);
  return { activityInstanceId: started.id, activityId, adHocActivityInstanceId: instance.id };
}

/**
 * Ends an ad-hoc sub-process that has no completion condition, as if one had just held: its
 * running activities are cancelled, or, with cancelRemainingInstances="false", awaited.
 */
export async function completeAdHocSubProcess(scope: CommandScope, target: AdHocTarget): Promise<void> {
  const { ctx } = await scope.requireInstance(target.processInstanceId);
  const { instance, node } = resolveAdHocInstance(ctx, target);
  if (node.adHoc!.completionCondition) {
    throw new ConflictError(`Cannot complete ad-hoc sub-process '${node.id}': it has a completionCondition and completes when that holds`);
  }
  if (instance.state !== 'ACTIVE' || instance.data.adHocEnding) {
    throw new ConflictError(`Cannot complete ad-hoc sub-process '${node.id}': it is already ending or not active yet`);
  }
  endAdHocSubProcess(ctx, instance, node);
  await scope.settle(ctx);
}

function resolveAdHocInstance(ctx: ExecutionContext, target: AdHocTarget): { instance: ElementInstanceRecord; node: FlowNode } {
  const { processInstanceId, adHoc } = target;
  const byInstanceId = ctx.element(adHoc);
  if (byInstanceId && byInstanceId.kind !== 'process') {
    if (byInstanceId.kind !== 'adHocSubProcess') {
      throw new BadUserRequestError(`Expected activity instance '${adHoc}' to be an ad-hoc sub-process, but it is a ${byInstanceId.kind} ('${byInstanceId.elementId}')`);
    }
    return { instance: byInstanceId, node: ctx.nodeOf(byInstanceId) };
  }
  const node = ctx.graph.nodes.get(adHoc);
  if (!node) throw new NotFoundError(`Process instance '${processInstanceId}' has no ad-hoc sub-process or running activity instance '${adHoc}'`);
  if (node.kind !== 'adHocSubProcess') throw new BadUserRequestError(`Expected '${adHoc}' to be an ad-hoc sub-process, but it is a ${node.kind}`);
  const running = ctx.aggregate.elements.filter((e) => e.elementId === adHoc && e.kind === 'adHocSubProcess');
  if (running.length === 0) {
    throw new ConflictError(`Expected process instance '${processInstanceId}' to be in ad-hoc sub-process '${adHoc}', but it is not (not entered yet, or already left)`);
  }
  if (running.length > 1) {
    throw new ConflictError(`Expected one running instance of ad-hoc sub-process '${adHoc}', but there are ${running.length}: name one by its activity instance id`);
  }
  return { instance: running[0]!, node };
}

function requireEnabledActivity(ctx: ExecutionContext, adHoc: FlowNode, activityId: string): FlowNode {
  const activity = ctx.graph.nodes.get(activityId);
  if (!activity) throw new NotFoundError(`Ad-hoc sub-process '${adHoc.id}' has no enabled activity '${activityId}': the process has no such element`);
  if (adHoc.adHoc!.enabledActivities.includes(activityId)) return activity;
  const why = activity.scopeId !== adHoc.id
    ? 'it is not inside the ad-hoc sub-process'
    : activity.incoming.length > 0
      ? 'sequence flows lead into it (it starts when one of them is taken)'
      : `a ${activity.kind} is not started by hand`;
  throw new BadUserRequestError(`Expected '${activityId}' to be an enabled activity of ad-hoc sub-process '${adHoc.id}', but ${why}`);
}
