import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode, MappingValue } from '../../model/graph.js';

/** camunda:inputParameter: evaluated in the activity's context, stored as its local variables */
export function applyInputMappings(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void {
  for (const mapping of node.inputs) {
    const value = evaluateMapping(ctx, mapping.value, ei.id, node.id);
    ctx.variables.setJs(ei.id, mapping.target, value, true);
  }
}

/** camunda:outputParameter: evaluated in the activity's context, written to the enclosing scope */
export function applyOutputMappings(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void {
  const values = node.outputs.map((mapping) => [mapping.target, evaluateMapping(ctx, mapping.value, ei.id, node.id)] as const);
  const scopeId = ei.parentId ?? ei.id;
  for (const [target, value] of values) ctx.variables.setJs(scopeId, target, value);
}

export function evaluateMapping(ctx: ElementRuntime, value: MappingValue, scopeId: string, elementId: string): unknown {
  switch (value.kind) {
    case 'null':
      return null;
    case 'expression':
      return ctx.evaluate(value.expression, scopeId, elementId);
    case 'script':
      return ctx.evaluate(value.script, scopeId, elementId);
    case 'list':
      return value.items.map((item) => evaluateMapping(ctx, item, scopeId, elementId));
    case 'map':
      return Object.fromEntries(value.entries.map((entry) => [entry.key, evaluateMapping(ctx, entry.value, scopeId, elementId)]));
  }
}
