import { ExecutionError } from '../../errors/index.js';
import type { ElementBehavior, ElementRuntime } from '../../execution/element-runtime.js';
import { calledInstanceInputs } from '../shared/call-mappings.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';

/**
 * Call activity: starts the called process (in the same transaction) and waits for it to end.
 * camunda:in mappings pick what the called instance gets; camunda:out what comes back.
 */
export const callActivityBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    const spec = node.callActivity!;
    const key = String(ctx.evaluate(spec.calledElement, ei.id, node.id) ?? '');
    if (!key) throw new ExecutionError(`Expected calledElement of '${node.id}' to name a process, but it is empty`, node.id);
    const { variables, businessKey } = calledInstanceInputs(ctx, ei, node);
    ctx.emit({
      kind: 'startCalledInstance',
      superInstanceId: ctx.aggregate.id,
      superElementInstanceId: ei.id,
      definition: definitionRef(ctx, ei, node, key),
      businessKey,
      variables,
      tenantId: ctx.aggregate.instance.tenantId,
    });
  },
  onTrigger(ctx, ei, _node, trigger) {
    if (trigger.kind !== 'calledInstanceCompleted') return;
    ctx.complete(ei);
  },
  onTerminate(ctx, ei) {
    const called = ei.data.calledInstanceId;
    if (called) {
      ctx.emit({
        kind: 'terminateInstance', instanceId: called, state: ctx.calledInstanceTermination, reason: `call activity '${ei.elementId}' was cancelled`,
        ...(ctx.customListenersSkipped ? { skipCustomListeners: true } : {}),
      });
    }
  },
};

function definitionRef(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode, key: string) {
  const spec = node.callActivity!;
  switch (spec.binding) {
    case 'deployment':
      return { by: 'deployment' as const, key, deploymentId: ctx.definition.record.deploymentId };
    case 'version': {
      const version = Number(ctx.evaluate(spec.version!, ei.id, node.id));
      if (!Number.isInteger(version)) throw new ExecutionError(`Expected calledElementVersion of '${node.id}' to be an integer`, node.id);
      return { by: 'version' as const, key, version };
    }
    case 'versionTag':
      return { by: 'versionTag' as const, key, versionTag: String(ctx.evaluate(spec.versionTag!, ei.id, node.id)) };
    default:
      return { by: 'latest' as const, key };
  }
}
