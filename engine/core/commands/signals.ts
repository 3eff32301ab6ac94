import { deliverSignalInInstance } from '../behaviors/shared/signals.js';
import type { TypedValue } from '../variables/index.js';
import type { CommandScope } from './command-scope.js';
import { createInstance } from './start-instance.js';

/**
 * Delivers a signal to every instance waiting for it (catch events, boundary events, event
 * sub-processes) and starts every process with a matching signal start event. `thrownIn`, the
 * instance that threw it, is left out: its catchers got it when it was thrown (shared/signals).
 * Catchers that start waiting because of this very signal are not triggered by it.
 */
export async function broadcastSignalInScope(
  scope: CommandScope,
  signalName: string,
  variables: ReadonlyMap<string, TypedValue>,
  tenantId: string | null,
  thrownIn: string | null = null,
): Promise<number> {
  let delivered = 0;
  const waiting = await scope.tx.findSubscriptions({ type: 'signal', eventName: signalName, definitionLevel: false, tenantId });
  const instanceIds = new Set(waiting.map((s) => s.processInstanceId!));
  for (const loaded of scope.loadedInstances()) {
    if (loaded.aggregate.subscriptions.find((s) => s.type === 'signal' && s.eventName === signalName)) instanceIds.add(loaded.aggregate.id);
  }
  if (thrownIn) instanceIds.delete(thrownIn);
  for (const instanceId of instanceIds) {
    const loaded = await scope.instance(instanceId);
    if (!loaded || loaded.aggregate.hasEnded) continue;
    delivered += deliverSignalInInstance(loaded.ctx, signalName, variables);
    await scope.settle(loaded.ctx);
  }
  const starts = await scope.tx.findSubscriptions({ type: 'signal', eventName: signalName, definitionLevel: true, tenantId });
  for (const start of starts) {
    const definition = await scope.definition({ by: 'id', id: start.definitionId });
    if (!definition || definition.record.suspended) continue;
    const created = createInstance(scope, { definition, businessKey: null, variables, startEventId: start.activityId });
    await scope.settle(created.ctx);
    delivered++;
  }
  return delivered;
}
