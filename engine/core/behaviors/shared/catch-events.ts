import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord, SubscriptionRecord, SubscriptionType } from '../../execution/records.js';
import type { FlowNode, ScopeSpec, SingleEventDefinition } from '../../model/graph.js';
import { definitionsOf, nodeOf } from '../../model/graph.js';
import { checkConditionOnEntry } from './conditional-events.js';
import { createTimerJob } from './timers.js';

/**
 * Starts waiting for the event of `catchNode` on behalf of `owner`: a subscription for messages,
 * signals and conditions (a condition is also checked at once, after the owner was entered), a job
 * for timers; for each of a multiple event's definitions. Error, escalation and compensation
 * events are found when thrown and need nothing here.
 */
export function openCatch(ctx: ElementRuntime, owner: ElementInstanceRecord, catchNode: FlowNode): void {
  if (catchNode.kind === 'receiveTask' && catchNode.messageName) {
    subscribe(ctx, owner, catchNode, 'message', String(ctx.evaluate(catchNode.messageName, owner.id, catchNode.id)));
    return;
  }
  for (const definition of definitionsOf(catchNode)) openDefinition(ctx, owner, catchNode, definition);
}

function openDefinition(ctx: ElementRuntime, owner: ElementInstanceRecord, catchNode: FlowNode, definition: SingleEventDefinition): void {
  switch (definition.kind) {
    case 'message':
      subscribe(ctx, owner, catchNode, 'message', String(ctx.evaluate(definition.messageName, owner.id, catchNode.id)));
      return;
    case 'signal':
      subscribe(ctx, owner, catchNode, 'signal', String(ctx.evaluate(definition.signalName, owner.id, catchNode.id)));
      return;
    case 'conditional':
      checkConditionOnEntry(ctx, subscribe(ctx, owner, catchNode, 'conditional', catchNode.id));
      return;
    case 'timer':
      createTimerJob(ctx, owner, catchNode, definition);
      return;
    default:
      return;
  }
}

/** While an activity runs, its boundary events wait on its behalf. */
export function openBoundaryEvents(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void {
  for (const boundaryId of node.boundaryEvents) openCatch(ctx, ei, nodeOf(ctx.graph, boundaryId));
}

/** When a scope is entered, the start events of its event sub-processes start waiting. */
export function openEventSubProcesses(ctx: ElementRuntime, scopeInstance: ElementInstanceRecord, scope: ScopeSpec): void {
  for (const subProcessId of scope.eventSubProcesses) {
    const subProcess = nodeOf(ctx.graph, subProcessId);
    for (const startId of subProcess.scope?.startEvents ?? []) openCatch(ctx, scopeInstance, nodeOf(ctx.graph, startId));
  }
}

function subscribe(ctx: ElementRuntime, owner: ElementInstanceRecord, catchNode: FlowNode, type: SubscriptionType, eventName: string): SubscriptionRecord {
  return ctx.aggregate.subscriptions.insert({
    id: ctx.newId(),
    type,
    eventName,
    processInstanceId: ctx.aggregate.id,
    elementInstanceId: owner.id,
    activityId: catchNode.id,
    definitionId: ctx.definition.record.id,
    created: ctx.now(),
    tenantId: ctx.aggregate.instance.tenantId,
  });
}
