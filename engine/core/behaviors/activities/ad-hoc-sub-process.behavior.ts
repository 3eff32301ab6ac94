import type { ElementBehavior } from '../../execution/element-runtime.js';
import { adHocChildEnded } from '../shared/ad-hoc.js';
import { endReopenedEventScopeIfDone } from '../shared/compensation-throw.js';
import { askWaitingJoins } from '../shared/scope-completion.js';

/**
 * Ad-hoc sub-process (BPMN 2.0, 13.3.5): entered, it starts nothing by itself; someone starts its
 * enabled activities (see commands/ad-hoc-commands.ts), and flows among them run as usual. Each
 * time an inner element completes, its completion condition is evaluated; without one, it ends
 * when someone completes it. It never completes just because nothing runs in it.
 */
export const adHocSubProcessBehavior: ElementBehavior = {
  onEnter() {
    // waits for someone to start an enabled activity
  },
  onChildEnded(ctx, scope) {
    if (scope.data.reopenedForCompensation) {
      endReopenedEventScopeIfDone(ctx, scope);
      return;
    }
    askWaitingJoins(ctx, scope);
    const current = ctx.element(scope.id);
    if (current) adHocChildEnded(ctx, current, ctx.nodeOf(current));
  },
};
