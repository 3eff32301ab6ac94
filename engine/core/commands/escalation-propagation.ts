import { catchEscalation, findEscalationCatcher } from '../behaviors/shared/escalations.js';
import type { CrossInstanceEffect } from '../execution/effects.js';
import type { CommandScope } from './command-scope.js';

type PropagateEscalation = Extract<CrossInstanceEffect, { kind: 'propagateEscalation' }>;

/**
 * An escalation no catcher in its own instance took walks up the call hierarchy, call activity by
 * call activity, as Camunda 7 does; the first level with a catcher takes it. The thrower waited:
 * it moves on now, unless an interrupting catcher cancelled it (with the call activity and the
 * instances it called). Caught by no level, it is ignored and the thrower moves on.
 */
export async function propagateEscalation(scope: CommandScope, effect: PropagateEscalation): Promise<void> {
  let next: { instanceId: string; elementInstanceId: string } | null = { instanceId: effect.superInstanceId, elementInstanceId: effect.superElementInstanceId };
  while (next) {
    const loaded = await scope.instance(next.instanceId);
    const callActivity = loaded?.ctx.element(next.elementInstanceId);
    if (!loaded || !callActivity || loaded.aggregate.hasEnded) break;
    const catcher = findEscalationCatcher(loaded.ctx, callActivity, effect.escalationCode);
    if (catcher) {
      catchEscalation(loaded.ctx, catcher, effect.escalationCode);
      await scope.settle(loaded.ctx);
      break;
    }
    const { superInstanceId, superElementInstanceId } = loaded.aggregate.instance;
    next = superInstanceId && superElementInstanceId ? { instanceId: superInstanceId, elementInstanceId: superElementInstanceId } : null;
  }
  const origin = await scope.instance(effect.thrower.instanceId);
  const thrower = origin?.ctx.element(effect.thrower.elementInstanceId);
  if (!origin || !thrower || origin.aggregate.hasEnded) return;
  origin.ctx.complete(thrower);
  await scope.settle(origin.ctx);
}
