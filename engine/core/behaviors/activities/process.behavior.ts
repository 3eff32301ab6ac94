import type { ElementBehavior } from '../../execution/element-runtime.js';
import { nodeOf } from '../../model/graph.js';
import { EngineInvariantError } from '../../errors/index.js';
import { openEventSubProcesses } from '../shared/catch-events.js';

/** The process instance as the root scope: opens its event sub-processes and enters through a start event. */
export const processBehavior: ElementBehavior = {
  onEnter(ctx, root) {
    openEventSubProcesses(ctx, root, ctx.graph.scope);
    const startId = root.data.triggeredBy ?? ctx.graph.scope.noneStartEvent;
    if (!startId) throw new EngineInvariantError(`Expected process '${ctx.graph.id}' to have a none start event, but it has none`);
    ctx.activate(nodeOf(ctx.graph, startId), root);
  },
};
