import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { CallMapping, FlowNode } from '../../model/graph.js';
import { inferTypedValue, toJsValue, type TypedValue } from '../../variables/index.js';

/** camunda:in: the variables and business key the called instance starts with */
export function calledInstanceInputs(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): { variables: Map<string, TypedValue>; businessKey: string | null } {
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
export function applyCalledOutputs(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode, calledVariables: ReadonlyMap<string, TypedValue>): void {
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
