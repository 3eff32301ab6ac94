import type { ElementBehavior } from '../../execution/element-runtime.js';
import { nodeOf } from '../../model/graph.js';
import { instantiatingEntryOf } from '../../model/instantiating-elements.js';
import { EngineInvariantError } from '../../errors/index.js';
import { openEventSubProcesses } from '../shared/catch-events.js';

/**
 * The process instance as the root scope: opens its event sub-processes and enters through a start
 * event, or through the instantiating receive task or event-based gateway whose event started it,
 * or (start instructions) at the activities the start names.
 */
export const processBehavior: ElementBehavior = {
  onEnter(ctx, root) {
    openEventSubProcesses(ctx, root, ctx.graph.scope);
    // the start command starts the tokens its instructions name once the instance is active
    if (root.data.startedAtInstructions) return;
    const startId = root.data.triggeredBy ?? ctx.graph.scope.noneStartEvent;
    if (!startId) throw new EngineInvariantError(`Expected process '${ctx.graph.id}' to have a none start event, but it has none`);
    const entry = instantiatingEntryOf(ctx.graph.instantiating, startId);
    if (!entry) {
      ctx.activate(nodeOf(ctx.graph, startId), root);
      return;
    }
    // the event already happened: the receive task passes on, the gateway takes that event's path
    const chosen = entry.entryId === entry.catchId ? {} : { eventPayload: { chosen: startId } };
    ctx.activate(nodeOf(ctx.graph, entry.entryId), root, { data: { triggeredBy: startId, ...chosen } });
  },
};
