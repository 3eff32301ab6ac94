import { eventConditionHolds } from '../behaviors/shared/conditional-events.js';
import { BadUserRequestError } from '../errors/index.js';
import type { ProcessInstanceRecord } from '../execution/records.js';
import { nodeOf, type FlowNode } from '../model/graph.js';
import { toJsValue, type TypedValue } from '../variables/index.js';
import type { CommandScope } from './command-scope.js';
import { createInstance } from './start-instance.js';

/** the event name of every conditional start event's subscription: they are found by type, and told apart by definition and activity */
export const CONDITIONAL_START = 'conditional-start';

export interface ConditionallyStarted {
  readonly instance: ProcessInstanceRecord;
  /** it ran to its end within the request */
  readonly ended: boolean;
}

/** Camunda's condition evaluation (`POST /condition`): which conditional start events to try, with what */
export interface ConditionEvaluationRequest {
  readonly variables: ReadonlyMap<string, TypedValue>;
  readonly businessKey: string | null;
  /** only this definition's start events (else those of every latest version) */
  readonly processDefinitionId?: string;
  readonly tenantId?: string;
  readonly withoutTenantId?: boolean;
  readonly startUserId?: string | null;
}

/**
 * Evaluates the condition of every conditional start event of the deployed latest versions (or of
 * one definition) with the request's variables, and starts an instance through each one whose
 * condition holds, all in one command. A condition over a variable the request does not bring is
 * false, as in Camunda 7; no conditional start event to evaluate at all is the request's mistake.
 */
export async function evaluateStartConditions(scope: CommandScope, request: ConditionEvaluationRequest): Promise<ConditionallyStarted[]> {
  const subscriptions = (await scope.tx.findSubscriptions({
    type: 'conditional',
    eventName: CONDITIONAL_START,
    definitionLevel: true,
    ...(request.processDefinitionId !== undefined ? { processDefinitionId: request.processDefinitionId } : {}),
    ...(request.tenantId !== undefined ? { tenantId: request.tenantId } : {}),
  })).filter((s) => !request.withoutTenantId || s.tenantId === null);
  if (subscriptions.length === 0) {
    throw new BadUserRequestError('No subscriptions were found during evaluation of the conditional start events: no deployed process (of the given definition or tenant) has a conditional start event');
  }
  const started: ConditionallyStarted[] = [];
  for (const subscription of subscriptions) {
    const definition = await scope.definition({ by: 'id', id: subscription.definitionId });
    if (!definition || definition.record.suspended) continue;
    if (!startConditionHolds(nodeOf(definition.graph, subscription.activityId), request.variables, () => scope.now())) continue;
    const created = createInstance(scope, {
      definition,
      businessKey: request.businessKey,
      variables: request.variables,
      startEventId: subscription.activityId,
      startUserId: request.startUserId ?? null,
    });
    await scope.settle(created.ctx);
    started.push({ instance: created.aggregate.instance, ended: created.aggregate.hasEnded });
  }
  return started;
}

/** the start event's condition over the request's variables: nothing else is in scope before the instance exists */
function startConditionHolds(node: FlowNode, variables: ReadonlyMap<string, TypedValue>, now: () => Date): boolean {
  return eventConditionHolds(node, {
    resolve: (name) => {
      const value = variables.get(name);
      return value === undefined ? { found: false } : { found: true, value: toJsValue(value) };
    },
    now,
  });
}
