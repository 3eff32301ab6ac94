import { applyCalledOutputs } from '../behaviors/shared/call-mappings.js';
import { catchError, endUncaught, findErrorCatcher, type Catcher, type ThrownError } from '../behaviors/shared/bpmn-errors.js';
import type { CrossInstanceEffect } from '../execution/effects.js';
import type { ElementInstanceRecord } from '../execution/records.js';
import type { TypedValue } from '../variables/index.js';
import type { CommandScope, LoadedInstance } from './command-scope.js';

type PropagateError = Extract<CrossInstanceEffect, { kind: 'propagateError' }>;

interface Level {
  readonly loaded: LoadedInstance;
  readonly callActivity: ElementInstanceRecord;
}

/**
 * A BPMN error no catcher in its own instance took walks up the call hierarchy, call activity by
 * call activity, as Camunda 7 does. The first level with a catcher gets it: the call activities on
 * the way pass their output variables up, and the catcher (interrupting) cancels the call activity,
 * which cancels the called instances below. If no level catches it, the thrower ends on its own,
 * so the called instance goes on as if it had no caller.
 */
export async function propagateError(scope: CommandScope, effect: PropagateError): Promise<void> {
  const error: ThrownError = { code: effect.errorCode, message: effect.errorMessage };
  const levels: Level[] = [];
  let next: { instanceId: string; elementInstanceId: string } | null = { instanceId: effect.superInstanceId, elementInstanceId: effect.superElementInstanceId };
  while (next) {
    const loaded = await scope.instance(next.instanceId);
    const callActivity = loaded?.ctx.element(next.elementInstanceId);
    if (!loaded || !callActivity || loaded.aggregate.hasEnded) break;
    levels.push({ loaded, callActivity });
    const catcher = findErrorCatcher(loaded.ctx, callActivity, error);
    if (catcher) {
      await caughtAt(scope, levels, catcher, error, effect.variables);
      return;
    }
    const { superInstanceId, superElementInstanceId } = loaded.aggregate.instance;
    next = superInstanceId && superElementInstanceId ? { instanceId: superInstanceId, elementInstanceId: superElementInstanceId } : null;
  }
  const origin = await scope.instance(effect.thrower.instanceId);
  const thrower = origin?.ctx.element(effect.thrower.elementInstanceId);
  if (!origin || !thrower || origin.aggregate.hasEnded) return;
  endUncaught(origin.ctx, thrower, effect.thrower.uncaught);
  await scope.settle(origin.ctx);
}

async function caughtAt(scope: CommandScope, levels: readonly Level[], catcher: Catcher, error: ThrownError, thrownVariables: ReadonlyMap<string, TypedValue>): Promise<void> {
  let variables = thrownVariables;
  for (const { loaded, callActivity } of levels) {
    applyCalledOutputs(loaded.ctx, callActivity, loaded.ctx.nodeOf(callActivity), variables);
    variables = loaded.ctx.variables.visible(loaded.aggregate.id);
  }
  const catching = levels[levels.length - 1]!.loaded;
  catchError(catching.ctx, catcher, error);
  await scope.settle(catching.ctx);
}
