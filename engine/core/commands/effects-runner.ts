import { applyCalledOutputs } from '../behaviors/shared/call-mappings.js';
import { ExecutionError } from '../errors/index.js';
import type { CrossInstanceEffect } from '../execution/effects.js';
import type { CommandScope } from './command-scope.js';
import { DecisionEvaluationFailure, evaluateDecision } from './decision-evaluation.js';
import { propagateError } from './error-propagation.js';
import { propagateEscalation } from './escalation-propagation.js';
import { createInstance } from './start-instance.js';
import { broadcastSignalInScope } from './signals.js';

/** Carries out one cross-instance effect inside the command's transaction. */
export async function runEffect(scope: CommandScope, effect: CrossInstanceEffect): Promise<void> {
  switch (effect.kind) {
    case 'startCalledInstance': {
      const parent = await scope.requireInstance(effect.superInstanceId);
      const callActivity = parent.ctx.element(effect.superElementInstanceId);
      if (!callActivity) return;
      const definition = await scope.definition(effect.definition);
      if (!definition) {
        throw new ExecutionError(`Cannot start the process called by '${callActivity.elementId}': no process definition '${effect.definition.key}' (${effect.definition.by}) is deployed`, callActivity.elementId);
      }
      const child = createInstance(scope, {
        definition,
        businessKey: effect.businessKey,
        variables: effect.variables,
        superInstanceId: parent.aggregate.id,
        superElementInstanceId: callActivity.id,
        rootInstanceId: parent.aggregate.instance.rootInstanceId,
      });
      const updated = parent.ctx.updateData(callActivity, { calledInstanceId: child.aggregate.id });
      parent.ctx.history.activityUpdated(updated, parent.ctx.nodeOf(updated), { calledProcessInstanceId: child.aggregate.id });
      await scope.settle(child.ctx);
      return;
    }
    case 'evaluateDecision': {
      const owner = await scope.instance(effect.instanceId);
      const task = owner?.ctx.element(effect.elementInstanceId);
      if (!owner || !task || owner.aggregate.hasEnded) return;
      const definition = await scope.tx.findDecisionDefinition(effect.decision);
      if (!definition) {
        throw new ExecutionError(`Cannot evaluate the decision of '${task.elementId}': no decision definition '${effect.decision.key}' (${describeRef(effect.decision)}) is deployed`, task.elementId);
      }
      const site = {
        processDefinitionId: owner.definition.record.id,
        processDefinitionKey: owner.definition.record.key,
        processInstanceId: owner.aggregate.id,
        activityId: task.elementId,
        activityInstanceId: task.id,
      };
      let result;
      try {
        result = (await evaluateDecision(scope, definition, effect.variables, { site, userId: null })).result;
      } catch (error) {
        if (error instanceof DecisionEvaluationFailure) throw new ExecutionError(`Business rule task '${task.elementId}': ${error.message}`, task.elementId);
        throw error;
      }
      owner.ctx.trigger(task, { kind: 'decisionEvaluated', result });
      await scope.settle(owner.ctx);
      return;
    }
    case 'calledInstanceEnded': {
      const parent = await scope.instance(effect.superInstanceId);
      const callActivity = parent?.ctx.element(effect.superElementInstanceId);
      if (!parent || !callActivity || parent.aggregate.hasEnded) return;
      applyCalledOutputs(parent.ctx, callActivity, parent.ctx.nodeOf(callActivity), effect.variables);
      parent.ctx.trigger(callActivity, { kind: 'calledInstanceCompleted' });
      await scope.settle(parent.ctx);
      return;
    }
    case 'terminateInstance': {
      const target = await scope.instance(effect.instanceId);
      if (!target || target.aggregate.hasEnded) return;
      if (effect.skipCustomListeners) target.ctx.skipCustomListeners();
      target.ctx.endProcess(effect.state, effect.reason, null);
      await scope.settle(target.ctx);
      return;
    }
    case 'propagateError':
      await propagateError(scope, effect);
      return;
    case 'propagateEscalation':
      await propagateEscalation(scope, effect);
      return;
    case 'broadcastSignal':
      await broadcastSignalInScope(scope, effect.signalName, effect.variables, effect.tenantId, effect.thrownIn);
      return;
  }
}

function describeRef(ref: Extract<CrossInstanceEffect, { kind: 'evaluateDecision' }>['decision']): string {
  switch (ref.by) {
    case 'deployment':
      return `in deployment '${ref.deploymentId}'`;
    case 'version':
      return `version ${ref.version}`;
    case 'versionTag':
      return `version tag '${ref.versionTag}'`;
    default:
      return ref.tenantId === null ? 'latest version, no tenant' : `latest version, tenant '${ref.tenantId}'`;
  }
}
