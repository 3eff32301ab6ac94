import type { ElementBehavior } from '../../execution/element-runtime.js';
import { nodeOf } from '../../model/graph.js';
import { endReopenedEventScopeIfDone } from '../shared/compensation-throw.js';
import { openEventSubProcesses } from '../shared/catch-events.js';
import { completeScopeIfDone } from '../shared/scope-completion.js';

/**
 * Embedded sub-process (and transaction): a scope entered through its none start event. Re-opened
 * to be compensated (data.reopenedForCompensation), it only runs the compensations inside it and then ends.
 */
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
  onChildEnded(ctx, scope, child) {
    if (scope.data.reopenedForCompensation) endReopenedEventScopeIfDone(ctx, scope);
    else completeScopeIfDone(ctx, scope, child);
  },
};

/** Event sub-process: entered through the start event whose event triggered it. */
export const eventSubProcessBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    openEventSubProcesses(ctx, ei, node.scope!);
    const startId = ei.data.triggeredBy ?? node.scope!.startEvents[0]!;
    ctx.activate(nodeOf(ctx.graph, startId), ei, { data: ei.data.eventPayload ? { eventPayload: ei.data.eventPayload } : {} });
  },
  onChildEnded(ctx, scope, child) {
    if (scope.data.reopenedForCompensation) endReopenedEventScopeIfDone(ctx, scope);
    else completeScopeIfDone(ctx, scope, child);
  },
  onLeave() {
    // an event sub-process has no outgoing flows; its scope decides what follows
  },
};
