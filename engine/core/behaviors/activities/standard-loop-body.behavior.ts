import { ExecutionError } from '../../errors/index.js';
import { evaluateCondition } from '../../expressions/index.js';
import type { ElementBehavior, ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode, StandardLoopSpec } from '../../model/graph.js';
import { takeActivityFlows } from '../shared/flows.js';

/**
 * Standard loop (bpmn:standardLoopCharacteristics, which Camunda 7 lacks): the body runs the
 * activity again, one iteration after the other, while the loop condition holds. With testBefore
 * the condition is checked before every iteration, the first included (a while loop: maybe none);
 * otherwise the first iteration always runs and the condition is checked after each (do-while).
 * Never more than loopMaximum iterations. `loopCounter`, a local variable of the body that the
 * activity and the condition see, is the number of iterations completed: 0 in the first one.
 * History shows the body (`<id>#standardLoopBody`) and each iteration as an activity instance.
 */
export const standardLoopBodyBehavior: ElementBehavior = {
  onEnter(ctx, body, node) {
    const started = ctx.updateData(body, { loopIteration: 0 });
    ctx.variables.setJs(started.id, 'loopCounter', 0, true);
    const spec = loopSpecOf(node);
    if (maximumReached(spec, 0) || (spec.testBefore && !loopConditionHolds(ctx, started, spec))) {
      ctx.complete(started);
      return;
    }
    startIteration(ctx, started, node, 0);
  },
  onChildEnded(ctx, body) {
    const node = ctx.nodeOf(body);
    const spec = loopSpecOf(node);
    const completed = (body.data.loopIteration ?? 0) + 1;
    const current = ctx.updateData(body, { loopIteration: completed });
    ctx.variables.setJs(current.id, 'loopCounter', completed, true);
    if (maximumReached(spec, completed) || !loopConditionHolds(ctx, current, spec)) {
      ctx.complete(current);
      return;
    }
    startIteration(ctx, current, node, completed);
  },
  onLeave(ctx, body, node) {
    takeActivityFlows(ctx, body, node);
  },
};

function startIteration(ctx: ElementRuntime, body: ElementInstanceRecord, node: FlowNode, index: number): void {
  ctx.activate(node, body, { inner: true, data: { loopIndex: index } });
}

function maximumReached(spec: StandardLoopSpec, completed: number): boolean {
  return spec.loopMaximum !== null && completed >= spec.loopMaximum;
}

/** evaluated in the body's scope; without a loopCondition only loopMaximum ends the loop */
function loopConditionHolds(ctx: ElementRuntime, body: ElementInstanceRecord, spec: StandardLoopSpec): boolean {
  if (!spec.loopCondition) return true;
  try {
    return evaluateCondition(spec.loopCondition, ctx.expressionContext(body.id));
  } catch (error) {
    throw new ExecutionError(`Could not evaluate the loop condition of '${body.elementId}': ${error instanceof Error ? error.message : String(error)}`, body.elementId);
  }
}

function loopSpecOf(node: FlowNode): StandardLoopSpec {
  if (node.loop?.kind !== 'standardLoop') throw new ExecutionError(`Expected '${node.id}' to have a standard loop, but it has none`, node.id);
  return node.loop;
}
