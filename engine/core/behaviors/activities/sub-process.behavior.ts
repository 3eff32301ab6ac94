import type { ElementBehavior } from '../behavior.js';
import { nodeOf } from '../../model/graph.js';
import { openEventSubProcesses } from '../shared/event-sub-processes.js';

/** Embedded sub-process (and transaction): a scope entered through its none start event. */
export const subProcessBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    const scope = node.scope!;
    openEventSubProcesses(ctx, ei, scope);
    if (!scope.noneStartEvent) {
      ctx.complete(ei);
      return;
    }
    ctx.activate(nodeOf(ctx.graph, scope.noneStartEvent), ei);
  },
};

/** Event sub-process: entered through the start event whose event triggered it. */
export const eventSubProcessBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    openEventSubProcesses(ctx, ei, node.scope!);
    const startId = ei.data.triggeredBy ?? node.scope!.startEvents[0]!;
    ctx.activate(nodeOf(ctx.graph, startId), ei, { data: ei.data.eventPayload ? { eventPayload: ei.data.eventPayload } : {} });
  },
  onLeave() {
    // an event sub-process has no outgoing flows; its scope decides what follows
  },
};
