import type { CompiledExpression } from '../../expressions/index.js';
import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';

/** A thrown signal reaches every waiting catcher, in this and other instances, in the same transaction. */
export function broadcastSignal(ctx: ElementRuntime, ei: ElementInstanceRecord, signalName: CompiledExpression): void {
  const name = String(ctx.evaluate(signalName, ei.id, ei.elementId));
  ctx.emit({ kind: 'broadcastSignal', signalName: name, variables: new Map(), tenantId: ctx.aggregate.instance.tenantId });
}
