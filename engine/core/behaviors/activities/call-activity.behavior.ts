import { ExecutionError } from '../../errors/index.js';
import type { ExecutionContext } from '../../execution/execution-context.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { CallMapping, FlowNode } from '../../model/graph.js';
import { inferTypedValue, toJsValue, type TypedValue } from '../../variables/index.js';
import type { ElementBehavior } from '../behavior.js';

/**
 * Call activity: starts the called process (in the same transaction) and waits for it to end.
 * camunda:in mappings pick what the called instance gets; camunda:out what comes back.
 */
export const callActivityBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    const spec = node.callActivity!;
    const key = String(ctx.evaluate(spec.calledElement, ei.id, node.id) ?? '');
    if (!key) throw new ExecutionError(`Expected calledElement of '${node.id}' to name a process, but it is empty`, node.id);
    const { variables, businessKey } = inputsOf(ctx, ei, node);
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
    if (called) ctx.emit({ kind: 'terminateInstance', instanceId: called, state: ctx.calledInstanceTermination, reason: `call activity '${ei.elementId}' was cancelled` });
  },
};

function definitionRef(ctx: ExecutionContext, ei: ElementInstanceRecord, node: FlowNode, key: string) {
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

function inputsOf(ctx: ExecutionContext, ei: ElementInstanceRecord, node: FlowNode): { variables: Map<string, TypedValue>; businessKey: string | null } {
  const variables = new Map<string, TypedValue>();
  let businessKey: string | null = null;
  for (const mapping of node.callActivity!.inputs) {
    if (mapping.businessKey) {
      const value = ctx.evaluate(mapping.businessKey, ei.id, node.id);
      businessKey = value === null || value === undefined ? null : String(value);
      continue;
    }
    if (mapping.all) {
      const source = mapping.local ? new Map(ctx.variables.localAll(ei.id).map((v) => [v.name, v.value])) : ctx.variables.visible(ei.id);
      for (const [name, value] of source) variables.set(name, value);
      continue;
    }
    variables.set(mapping.target!, mappedValue(mapping, (name) => ctx.variables.find(ei.id, name)?.value, () => ctx.evaluate(mapping.sourceExpression!, ei.id, node.id)));
  }
  return { variables, businessKey };
}

/** camunda:out: the called instance's variables, mapped into the call activity's scope */
export function applyCalledOutputs(ctx: ExecutionContext, ei: ElementInstanceRecord, node: FlowNode, calledVariables: ReadonlyMap<string, TypedValue>): void {
  const context = {
    resolve: (name: string) => (calledVariables.has(name) ? { found: true as const, value: toJsValue(calledVariables.get(name)!) } : { found: false as const }),
    now: () => ctx.now(),
  };
  for (const mapping of node.callActivity!.outputs) {
    if (mapping.all) {
      for (const [name, value] of calledVariables) ctx.variables.set(ei.id, name, value);
      continue;
    }
    if (mapping.businessKey) continue;
    const value = mappedValue(mapping, (name) => calledVariables.get(name), () => mapping.sourceExpression!.evaluate(context));
    if (mapping.local) ctx.variables.setLocal(ei.id, mapping.target!, value);
    else ctx.variables.set(ei.id, mapping.target!, value);
  }
}

function mappedValue(mapping: CallMapping, lookup: (name: string) => TypedValue | undefined, evaluate: () => unknown): TypedValue {
  if (mapping.sourceExpression) return inferTypedValue(evaluate());
  return lookup(mapping.source!) ?? inferTypedValue(null);
}
