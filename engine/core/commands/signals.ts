import { deliverEvent } from '../behaviors/shared/event-delivery.js';
import type { TypedValue } from '../variables/index.js';
import type { CommandScope } from './command-scope.js';
import { createInstance } from './start-instance.js';

/**
 * Delivers a signal to every instance waiting for it (catch events, boundary events, event
 * sub-processes) and starts every process with a matching signal start event. Catchers that
 * start waiting because of this very signal are not triggered by it.
 */
export async function broadcastSignalInScope(
  scope: CommandScope,
  signalName: string,
  variables: ReadonlyMap<string, TypedValue>,
  tenantId: string | null,
): Promise<number> {
  let delivered = 0;
  const waiting = await scope.tx.findSubscriptions({ type: 'signal', eventName: signalName, definitionLevel: false, tenantId });
  const instanceIds = new Set(waiting.map((s) => s.processInstanceId!));
  for (const loaded of scope.loadedInstances()) {
    if (loaded.aggregate.subscriptions.find((s) => s.type === 'signal' && s.eventName === signalName)) instanceIds.add(loaded.aggregate.id);
  }
  for (const instanceId of instanceIds) {
    const loaded = await scope.instance(instanceId);
    if (!loaded || loaded.aggregate.hasEnded) continue;
    const matching = loaded.aggregate.subscriptions.filter((s) => s.type === 'signal' && s.eventName === signalName);
    for (const subscription of matching) {
      if (!loaded.aggregate.subscriptions.has(subscription.id) || !subscription.elementInstanceId) continue;
      if (variables.size > 0) loaded.ctx.variables.setAll(subscription.elementInstanceId, variables);
      if (deliverEvent(loaded.ctx, subscription.elementInstanceId, subscription.activityId, 'signal', subscription.id)) delivered++;
    }
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
