import { ExecutionError } from '../../errors/index.js';
import { evaluateCondition, type ExpressionContext } from '../../expressions/index.js';
import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord, SubscriptionRecord } from '../../execution/records.js';
import type { VariableChange } from '../../execution/variable-change-log.js';
import type { FlowNode, SingleEventDefinition } from '../../model/graph.js';
import { definitionsOf, nodeOf } from '../../model/graph.js';
import { deliverEvent } from './event-delivery.js';

type ConditionalDefinition = Extract<SingleEventDefinition, { kind: 'conditional' }>;

/** a command whose conditional events keep firing each other this often is looping */
const MAX_ROUNDS = 100;

/**
 * A conditional subscription was just opened: its condition is checked once its owner has been
 * entered (Camunda's check on scope instantiation), whatever the variable filters say. An
 * intermediate event whose condition already holds passes through; a boundary event or event
 * sub-process start fires at once.
 */
export function checkConditionOnEntry(ctx: ElementRuntime, subscription: SubscriptionRecord): void {
  ctx.schedule(() => {
    if (!ctx.aggregate.subscriptions.has(subscription.id)) return;
    // this evaluation covers every change made so far
    ctx.writtenVariables.markSeen(subscription.id);
    fireIfConditionHolds(ctx, subscription);
  });
}

/**
 * Re-evaluates conditional events after the instance's agenda drained, once per command and
 * instance: every conditional subscription that has not seen some variable change of this command
 * is evaluated if one of those changes concerns it, outer scopes first, and fires if its condition
 * holds. A non-interrupting one fires again on every later command whose changes concern it while
 * the condition holds (Camunda fires on every evaluation to true, not only on a false-to-true edge).
 * What fired runs on the agenda (drained by `runAgenda`) and may change variables again: repeat
 * until nothing changes.
 */
export function fireConditionalEvents(ctx: ElementRuntime, runAgenda: () => void): void {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (ctx.aggregate.hasEnded) return;
    const pending = ctx.aggregate.subscriptions.filter((s) => s.type === 'conditional' && ctx.writtenVariables.hasUnseen(s.id));
    if (pending.length === 0) return;
    for (const subscription of outermostFirst(ctx, pending)) {
      if (!ctx.aggregate.subscriptions.has(subscription.id)) continue;
      const changes = ctx.writtenVariables.takeUnseen(subscription.id);
      if (changesConcern(ctx, subscription, changes)) fireIfConditionHolds(ctx, subscription);
    }
    runAgenda();
  }
  throw new ExecutionError(`Expected the conditional events of process instance '${ctx.aggregate.id}' to settle, but they kept firing after ${MAX_ROUNDS} rounds of variable changes`);
}

function fireIfConditionHolds(ctx: ElementRuntime, subscription: SubscriptionRecord): void {
  const owner = subscription.elementInstanceId ? ctx.element(subscription.elementInstanceId) : undefined;
  if (!owner) return;
  const node = nodeOf(ctx.graph, subscription.activityId);
  if (conditionHolds(ctx, owner, node)) deliverEvent(ctx, owner.id, node.id, 'conditional', subscription.id);
}

/**
 * A change concerns a subscription when it happened in the owner's scope or a scope above it
 * (a variable local to a sibling or a child scope does not), and passes the event's
 * camunda:variableName and camunda:variableEvents filters.
 */
function changesConcern(ctx: ElementRuntime, subscription: SubscriptionRecord, changes: readonly VariableChange[]): boolean {
  const owner = subscription.elementInstanceId ? ctx.element(subscription.elementInstanceId) : undefined;
  if (!owner || changes.length === 0) return false;
  const definition = conditionalDefinitionOf(nodeOf(ctx.graph, subscription.activityId));
  const visibleScopes = new Set(ctx.variables.chain(owner.id));
  return changes.some((change) =>
    visibleScopes.has(change.record.scopeId) &&
    (definition.variableName === null || definition.variableName === change.record.name) &&
    (definition.variableEvents.length === 0 || definition.variableEvents.includes(change.kind)));
}

/** evaluated in the owner's scope */
function conditionHolds(ctx: ElementRuntime, owner: ElementInstanceRecord, node: FlowNode): boolean {
  return eventConditionHolds(node, ctx.expressionContext(owner.id));
}

/**
 * A conditional event's condition, over the variables `scope` resolves (an instance's scope, or a
 * start request's variables). As in Camunda 7, a condition over a variable that does not exist
 * (yet) is false rather than an error; any other evaluation failure fails the command.
 */
export function eventConditionHolds(node: FlowNode, scope: ExpressionContext): boolean {
  const definition = conditionalDefinitionOf(node);
  let unresolved = false;
  const context: ExpressionContext = {
    resolve: (name) => {
      const resolved = scope.resolve(name);
      if (!resolved.found) unresolved = true;
      return resolved;
    },
    now: () => scope.now(),
  };
  try {
    return evaluateCondition(definition.condition, context);
  } catch (error) {
    if (unresolved) return false;
    throw new ExecutionError(`Could not evaluate the condition of '${node.id}': ${error instanceof Error ? error.message : String(error)}`, node.id);
  }
}

/** a multiple event has at most one conditional definition (multiple-event-validation.ts) */
function conditionalDefinitionOf(node: FlowNode): ConditionalDefinition {
  const definition = definitionsOf(node).find((d): d is ConditionalDefinition => d.kind === 'conditional');
  if (!definition) throw new ExecutionError(`Expected '${node.id}' to be a conditional event, but it is not`, node.id);
  return definition;
}

/** outer scopes first: an interrupting event there may cancel the inner ones */
function outermostFirst(ctx: ElementRuntime, subscriptions: readonly SubscriptionRecord[]): SubscriptionRecord[] {
  const depth = (s: SubscriptionRecord) => (s.elementInstanceId ? ctx.variables.chain(s.elementInstanceId).length : 0);
  return subscriptions.map((s) => ({ s, d: depth(s) })).sort((a, b) => a.d - b.d).map(({ s }) => s);
}
