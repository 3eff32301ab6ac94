import { ExecutionError } from '../../errors/index.js';
import { evaluateCondition, type CompiledExpression, type ExpressionContext } from '../../expressions/index.js';
import type { ElementBehavior, ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode, MultiInstanceSpec } from '../../model/graph.js';
import { toJsValue } from '../../variables/index.js';
import { takeActivityFlows } from '../shared/flows.js';
import { throwBehaviorEvents } from '../shared/multi-instance-events.js';

/**
 * The multi-instance body wraps the inner instances of an activity: all at once (parallel) or one
 * after another (sequential), counting nrOfInstances / nrOfActiveInstances / nrOfCompletedInstances,
 * until all completed or the completion condition holds.
 */
export const multiInstanceBodyBehavior: ElementBehavior = {
  onEnter(ctx, body, node) {
    const spec = node.loop as MultiInstanceSpec;
    const collection = spec.collection ? toCollection(ctx.evaluate(spec.collection, body.id, node.id), node.id) : undefined;
    const total = collection ? collection.length : toCardinality(ctx.evaluate(spec.loopCardinality!, body.id, node.id), node.id);
    const started = ctx.updateData(body, { multiInstance: { total, nextIndex: 0, ...(collection ? { collection } : {}) } });
    setCounter(ctx, started, 'nrOfInstances', total);
    setCounter(ctx, started, 'nrOfActiveInstances', 0);
    setCounter(ctx, started, 'nrOfCompletedInstances', 0);
    if (total === 0) {
      ctx.complete(started);
      return;
    }
    const first = spec.sequential ? 1 : total;
    for (let i = 0; i < first; i++) startInner(ctx, ctx.requireElement(body.id), node);
  },
  onChildEnded(ctx, body, child) {
    const node = ctx.nodeOf(body);
    const spec = node.loop as MultiInstanceSpec;
    const completed = counter(ctx, body, 'nrOfCompletedInstances') + 1;
    const active = counter(ctx, body, 'nrOfActiveInstances') - 1;
    setCounter(ctx, body, 'nrOfCompletedInstances', completed);
    setCounter(ctx, body, 'nrOfActiveInstances', active);
    const total = body.data.multiInstance?.total ?? 0;
    throwBehaviorEvents(ctx, spec, body, completed, (condition) => innerConditionHolds(ctx, condition, 'a complexBehaviorDefinition condition', body, child));
    // an interrupting catcher of a thrown escalation ended the activity
    if (!ctx.element(body.id)) return;
    if (spec.completionCondition && innerConditionHolds(ctx, spec.completionCondition, 'the completion condition', body, child)) {
      ctx.terminateChildren(body, 'completion condition of the multi-instance activity holds');
      ctx.complete(ctx.requireElement(body.id));
      return;
    }
    if (spec.sequential && (body.data.multiInstance?.nextIndex ?? 0) < total) {
      startInner(ctx, body, node);
      return;
    }
    if (ctx.aggregate.childrenOf(body.id).length === 0) ctx.complete(ctx.requireElement(body.id));
  },
  onLeave(ctx, body, node) {
    takeActivityFlows(ctx, body, node);
  },
};

function startInner(ctx: ElementRuntime, body: ElementInstanceRecord, node: FlowNode): void {
  const spec = node.loop as MultiInstanceSpec;
  const state = body.data.multiInstance!;
  const index = state.nextIndex;
  const current = ctx.updateData(body, { multiInstance: { ...state, nextIndex: index + 1 } });
  setCounter(ctx, current, 'nrOfActiveInstances', counter(ctx, current, 'nrOfActiveInstances') + 1);
  const inner = ctx.activate(node, current, { inner: true, data: { loopIndex: index } });
  ctx.variables.setJs(inner.id, 'loopCounter', index, true);
  if (spec.elementVariable && state.collection) ctx.variables.setJs(inner.id, spec.elementVariable, state.collection[index], true);
}

/**
 * A condition about the inner instance that just completed (the completion condition, a complex
 * behaviour's condition), evaluated as Camunda 7 evaluates the completion condition: the instance's
 * local variables (the element variable, loopCounter) come first, then the body's counters and above.
 */
function innerConditionHolds(
  ctx: ElementRuntime,
  condition: CompiledExpression,
  what: string,
  body: ElementInstanceRecord,
  child: ElementInstanceRecord,
): boolean {
  const outer = ctx.expressionContext(body.id);
  const context: ExpressionContext = {
    resolve: (name) => {
      const local = ctx.variables.local(child.id, name);
      return local ? { found: true, value: toJsValue(local.value) } : outer.resolve(name);
    },
    now: outer.now,
  };
  try {
    return evaluateCondition(condition, context);
  } catch (error) {
    throw new ExecutionError(`Could not evaluate ${what} of '${body.elementId}': ${error instanceof Error ? error.message : String(error)}`, body.elementId);
  }
}

function counter(ctx: ElementRuntime, body: ElementInstanceRecord, name: string): number {
  const variable = ctx.variables.local(body.id, name);
  return variable ? Number(toJsValue(variable.value)) : 0;
}

function setCounter(ctx: ElementRuntime, body: ElementInstanceRecord, name: string, value: number): void {
  ctx.variables.setJs(body.id, name, value, true);
}

function toCollection(value: unknown, elementId: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined) {
    throw new ExecutionError(`Expected camunda:collection of '${elementId}' to be a collection, but it is null`, elementId);
  }
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // not JSON text: fall through to the error
    }
  }
  throw new ExecutionError(`Expected camunda:collection of '${elementId}' to be a collection, but got '${String(value)}'`, elementId);
}

function toCardinality(value: unknown, elementId: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new ExecutionError(`Expected loopCardinality of '${elementId}' to be a non-negative integer, but got '${String(value)}'`, elementId);
  }
  return n;
}
