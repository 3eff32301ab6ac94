import { mapDecisionResult, DecisionResultMappingError } from '../../dmn/decision-result-mapping.js';
import { ExecutionError } from '../../errors/index.js';
import type { CrossInstanceEffect } from '../../execution/effects.js';
import type { ElementBehavior, ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { DecisionTaskSpec, FlowNode } from '../../model/graph.js';
import { toJsValue } from '../../variables/index.js';
import { externalWorkTaskBehavior } from './external-work-task.behavior.js';

type DecisionRef = Extract<CrossInstanceEffect, { kind: 'evaluateDecision' }>['decision'];

/**
 * Business rule tasks. With camunda:decisionRef: the DMN decision is evaluated in the same
 * command (the command processor looks it up and evaluates it, see effects-runner), on the
 * variables visible at the task; its result, mapped by camunda:mapDecisionResult, goes to
 * camunda:resultVariable. Without one: as a service task (external, topic handler, expression).
 */
export const businessRuleTaskBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    if (!node.decision) {
      externalWorkTaskBehavior.onEnter(ctx, ei, node);
      return;
    }
    const variables: Record<string, unknown> = {};
    for (const [name, value] of ctx.variables.visible(ei.id)) {
      Object.defineProperty(variables, name, { value: toJsValue(value), enumerable: true, writable: true, configurable: true });
    }
    ctx.emit({ kind: 'evaluateDecision', instanceId: ctx.aggregate.id, elementInstanceId: ei.id, decision: decisionRef(ctx, ei, node, node.decision), variables });
  },
  onTrigger(ctx, ei, node, trigger) {
    if (trigger.kind !== 'decisionEvaluated') {
      externalWorkTaskBehavior.onTrigger!(ctx, ei, node, trigger);
      return;
    }
    const spec = node.decision!;
    let value: unknown;
    try {
      value = mapDecisionResult(spec.mapDecisionResult, trigger.result);
    } catch (error) {
      if (error instanceof DecisionResultMappingError) throw new ExecutionError(`Business rule task '${node.id}': ${error.message}`, node.id);
      throw error;
    }
    if (spec.resultVariable) ctx.variables.setJs(ei.id, spec.resultVariable, value);
    ctx.complete(ei);
  },
};

function decisionRef(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode, spec: DecisionTaskSpec): DecisionRef {
  const key = String(ctx.evaluate(spec.decisionRef, ei.id, node.id) ?? '');
  if (!key) throw new ExecutionError(`Expected camunda:decisionRef of '${node.id}' to name a decision, but it is empty`, node.id);
  const tenantId = spec.tenantId ? ctx.evaluateString(spec.tenantId, ei.id, node.id) : ctx.aggregate.instance.tenantId;
  switch (spec.binding) {
    case 'deployment':
      return { by: 'deployment', key, deploymentId: ctx.definition.record.deploymentId };
    case 'version': {
      const version = Number(ctx.evaluate(spec.version!, ei.id, node.id));
      if (!Number.isInteger(version)) throw new ExecutionError(`Expected camunda:decisionRefVersion of '${node.id}' to be an integer`, node.id);
      return { by: 'version', key, version, tenantId };
    }
    case 'versionTag':
      return { by: 'versionTag', key, versionTag: String(ctx.evaluate(spec.versionTag!, ei.id, node.id)), tenantId };
    default:
      return { by: 'latest', key, tenantId };
  }
}
