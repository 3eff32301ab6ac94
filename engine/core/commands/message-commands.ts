import { deliverEvent } from '../behaviors/shared/event-delivery.js';
import { BadUserRequestError, InvalidRequestError } from '../errors/index.js';
import type { ProcessInstanceRecord, SubscriptionRecord } from '../execution/records.js';
import type { TypedValue } from '../variables/index.js';
import type { CommandScope } from './command-scope.js';
import { broadcastSignalInScope } from './signals.js';
import { createInstance } from './start-instance.js';

export interface CorrelationRequest {
  readonly messageName: string;
  readonly businessKey?: string;
  readonly processInstanceId?: string;
  readonly correlationKeys?: ReadonlyMap<string, TypedValue>;
  readonly localCorrelationKeys?: ReadonlyMap<string, TypedValue>;
  readonly processVariables: ReadonlyMap<string, TypedValue>;
  readonly processVariablesLocal: ReadonlyMap<string, TypedValue>;
  readonly all: boolean;
  readonly startOnly?: boolean;
  readonly tenantId?: string | null;
}

export interface CorrelationResult {
  readonly resultType: 'Execution' | 'ProcessDefinition';
  readonly instance: ProcessInstanceRecord;
  readonly executionId: string | null;
  readonly ended: boolean;
  readonly variables: ReadonlyMap<string, TypedValue>;
}

/**
 * Correlates a message: to the instances waiting for it (filtered by business key, instance id
 * and correlation keys), else to a message start event. Without `all`, exactly one must match.
 */
export async function correlateMessage(scope: CommandScope, request: CorrelationRequest): Promise<CorrelationResult[]> {
  const waiting = request.startOnly ? [] : await waitingSubscriptions(scope, request);
  const byInstanceElement = new Map<string, SubscriptionRecord>();
  for (const sub of waiting) byInstanceElement.set(`${sub.processInstanceId}/${sub.elementInstanceId}/${sub.activityId}`, sub);
  const executions = [...byInstanceElement.values()];
  const targetsExecutions = request.processInstanceId !== undefined || request.correlationKeys !== undefined || request.localCorrelationKeys !== undefined;
  const starts = executions.length > 0 && !request.all ? [] : targetsExecutions ? [] : await scope.tx.findSubscriptions({
    type: 'message',
    eventName: request.messageName,
    definitionLevel: true,
    tenantId: request.tenantId ?? null,
  });
  const total = executions.length + starts.length;
  if (total === 0) {
    throw new BadUserRequestError(`Cannot correlate message '${request.messageName}': No process definition or execution matches the parameters`, 'MESSAGE_NOT_CORRELATED');
  }
  if (!request.all && total > 1) {
    throw new BadUserRequestError(`Cannot correlate message '${request.messageName}': ${total} executions match the correlation keys. Use correlateAll to correlate to all of them`, 'MESSAGE_NOT_CORRELATED');
  }
  const results: CorrelationResult[] = [];
  for (const sub of executions) results.push(await deliver(scope, sub, request));
  for (const start of starts) results.push(await startByMessage(scope, start, request));
  return results;
}

async function waitingSubscriptions(scope: CommandScope, request: CorrelationRequest): Promise<SubscriptionRecord[]> {
  const found = await scope.tx.findSubscriptions({
    type: 'message',
    eventName: request.messageName,
    definitionLevel: false,
    ...(request.businessKey !== undefined ? { businessKey: request.businessKey } : {}),
    ...(request.processInstanceId !== undefined ? { processInstanceId: request.processInstanceId } : {}),
    ...(request.correlationKeys ? { correlationKeys: request.correlationKeys } : {}),
    ...(request.localCorrelationKeys ? { localCorrelationKeys: request.localCorrelationKeys } : {}),
    tenantId: request.tenantId ?? null,
  });
  return found;
}

async function deliver(scope: CommandScope, sub: SubscriptionRecord, request: CorrelationRequest): Promise<CorrelationResult> {
  const loaded = await scope.instance(sub.processInstanceId!);
  const current = loaded?.aggregate.subscriptions.get(sub.id);
  if (!loaded || !current || !current.elementInstanceId || loaded.aggregate.hasEnded) {
    // consumed by a concurrent correlation that committed first
    throw new BadUserRequestError(`Cannot correlate message '${request.messageName}': the waiting execution is gone`);
  }
  const { ctx } = loaded;
  ctx.variables.setLocalAll(current.elementInstanceId, request.processVariablesLocal);
  ctx.variables.setAll(current.elementInstanceId, request.processVariables);
  deliverEvent(ctx, current.elementInstanceId, current.activityId, 'message', current.id);
  await scope.settle(ctx);
  return {
    resultType: 'Execution',
    instance: loaded.aggregate.instance,
    executionId: current.elementInstanceId,
    ended: loaded.aggregate.hasEnded,
    variables: ctx.variablesAtEnd ?? ctx.variables.visible(loaded.aggregate.id),
  };
}

async function startByMessage(scope: CommandScope, start: SubscriptionRecord, request: CorrelationRequest): Promise<CorrelationResult> {
  const definition = await scope.definition({ by: 'id', id: start.definitionId });
  if (!definition) throw new BadUserRequestError(`Cannot correlate message '${request.messageName}': its process definition is gone`);
  const created = createInstance(scope, {
    definition,
    businessKey: request.businessKey ?? null,
    variables: new Map([...request.processVariables, ...request.processVariablesLocal]),
    startEventId: start.activityId,
  });
  await scope.settle(created.ctx);
  return {
    resultType: 'ProcessDefinition',
    instance: created.aggregate.instance,
    executionId: null,
    ended: created.aggregate.hasEnded,
    variables: created.ctx.variablesAtEnd ?? created.ctx.variables.visible(created.aggregate.id),
  };
}

export async function throwSignal(scope: CommandScope, name: string, variables: ReadonlyMap<string, TypedValue>, tenantId: string | null): Promise<number> {
  if (!name) throw new InvalidRequestError('No signal name given');
  return broadcastSignalInScope(scope, name, variables, tenantId);
}
