import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ProcessInstanceState } from '../../execution/records.js';
import type { TypedValue } from '../../variables/index.js';

/** A called instance that completed hands its variables back to the waiting call activity. */
export function notifySuperInstance(ctx: ElementRuntime, state: ProcessInstanceState, variables: ReadonlyMap<string, TypedValue>): void {
  const instance = ctx.aggregate.instance;
  if (state !== 'COMPLETED' || !instance.superInstanceId || !instance.superElementInstanceId) return;
  ctx.emit({
    kind: 'calledInstanceEnded',
    superInstanceId: instance.superInstanceId,
    superElementInstanceId: instance.superElementInstanceId,
    calledInstanceId: instance.id,
    variables,
  });
}
