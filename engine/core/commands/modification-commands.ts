import { BadUserRequestError, InvalidRequestError } from '../errors/index.js';
import type { ExecutionContext } from '../execution/execution-context.js';
import { isLoopBody } from '../execution/loop-bodies.js';
import type { ElementInstanceRecord } from '../execution/records.js';
import { flowOf, nodeOf } from '../model/graph.js';
import type { TypedValue } from '../variables/index.js';
import type { CommandScope } from './command-scope.js';

/** what a start instruction (Camunda's `startInstructions`) or a modification may start */
export type StartInstruction = Exclude<ModificationInstruction, { type: 'cancel' }>;

export type ModificationInstruction =
  | { readonly type: 'cancel'; readonly activityInstanceId?: string; readonly activityId?: string }
  | { readonly type: 'startBeforeActivity'; readonly activityId: string; readonly variables?: ReadonlyMap<string, TypedValue> }
  | { readonly type: 'startAfterActivity'; readonly activityId: string; readonly variables?: ReadonlyMap<string, TypedValue> }
  | { readonly type: 'startTransition'; readonly transitionId: string; readonly variables?: ReadonlyMap<string, TypedValue> };

export interface ModificationOptions {
  /** Camunda's `skipCustomListeners`: the listeners of what the modification starts (and all it runs into) do not run */
  readonly skipCustomListeners?: boolean;
}

/**
 * Moves tokens, as Camunda's process instance modification does: cancel activity instances and
 * start others, in order, in one transaction. A scope left without tokens is cancelled with them;
 * an instance left without tokens ends as externally terminated.
 */
export async function modifyProcessInstance(scope: CommandScope, instanceId: string, instructions: readonly ModificationInstruction[], options: ModificationOptions = {}): Promise<void> {
  if (instructions.length === 0) throw new InvalidRequestError("Invalid request body: 'instructions' must not be empty");
  const { ctx } = await scope.requireInstance(instanceId);
  if (options.skipCustomListeners) ctx.skipCustomListeners();
  const touchedScopes = new Set<string>();
  instructions.forEach((instruction, index) => {
    const at = `instruction ${index + 1} (${instruction.type})`;
    if (instruction.type === 'cancel') cancel(ctx, instruction, at).forEach((id) => touchedScopes.add(id));
    else startAt(ctx, instruction, at);
  });
  cancelEmptyScopes(ctx, touchedScopes);
  await scope.settle(ctx);
}

function cancel(ctx: ExecutionContext, instruction: { activityInstanceId?: string; activityId?: string }, at: string): string[] {
  const targets = instruction.activityInstanceId
    ? [ctx.element(instruction.activityInstanceId)].filter((e): e is ElementInstanceRecord => e !== undefined && e.kind !== 'process')
    : ctx.aggregate.elements.filter((e) => e.elementId === instruction.activityId && e.kind !== 'process' && !isInnerOfLoop(e));
  if (targets.length === 0) {
    throw new BadUserRequestError(`Cannot perform ${at}: no active activity instance ${instruction.activityInstanceId ? `'${instruction.activityInstanceId}'` : `of '${instruction.activityId}'`}`);
  }
  const scopes: string[] = [];
  for (const target of targets) {
    if (target.parentId) scopes.push(target.parentId);
    ctx.terminate(target, 'cancelled by process instance modification');
  }
  return scopes;
}

/** starts a token before or after an activity, or on a sequence flow, in the one active instance of its scope */
export function startAt(ctx: ExecutionContext, instruction: StartInstruction, at: string): void {
  if (instruction.type === 'startTransition' && !ctx.graph.flows.has(instruction.transitionId)) {
    throw new BadUserRequestError(`Cannot perform ${at}: the process has no sequence flow '${instruction.transitionId}'`);
  }
  const activityId = instruction.type === 'startTransition' ? flowOf(ctx.graph, instruction.transitionId).targetId : instruction.activityId;
  const node = ctx.graph.nodes.get(activityId);
  if (!node) throw new BadUserRequestError(`Cannot perform ${at}: the process has no element '${activityId}'`);
  const scopeInstance = scopeInstanceFor(ctx, node.scopeId, at);
  if (instruction.variables) ctx.variables.setAll(scopeInstance.id, instruction.variables);
  if (instruction.type === 'startBeforeActivity') {
    ctx.activate(node, scopeInstance);
    return;
  }
  if (instruction.type === 'startTransition') {
    ctx.takeFlow(instruction.transitionId, scopeInstance);
    return;
  }
  if (node.outgoing.length !== 1) {
    throw new BadUserRequestError(`Cannot perform ${at}: '${activityId}' has ${node.outgoing.length} outgoing flows, startAfterActivity needs exactly one`);
  }
  ctx.takeFlow(node.outgoing[0]!, scopeInstance);
}

/** the one active instance of the scope the element lives in */
function scopeInstanceFor(ctx: ExecutionContext, scopeId: string, at: string): ElementInstanceRecord {
  if (scopeId === ctx.graph.id) return ctx.root;
  const candidates = ctx.aggregate.elements.filter((e) => e.elementId === scopeId && !isLoopBody(e.kind));
  if (candidates.length !== 1) {
    throw new BadUserRequestError(`Cannot perform ${at}: expected exactly one active instance of the enclosing scope '${nodeOf(ctx.graph, scopeId).id}', but there are ${candidates.length}`);
  }
  return candidates[0]!;
}

function cancelEmptyScopes(ctx: ExecutionContext, scopeIds: ReadonlySet<string>): void {
  for (const scopeId of scopeIds) {
    let current = ctx.element(scopeId);
    while (current && ctx.aggregate.childrenOf(current.id).length === 0 && !current.data.joinArrivals) {
      // an ad-hoc sub-process waits for someone to start an activity, even with none running
      if (current.kind === 'adHocSubProcess') {
        if (current.data.adHocEnding) ctx.complete(current);
        break;
      }
      if (current.kind === 'process') {
        ctx.endProcess('EXTERNALLY_TERMINATED', 'all tokens cancelled by process instance modification', null);
        return;
      }
      const parentId = current.parentId;
      ctx.terminate(current, 'cancelled by process instance modification');
      current = parentId ? ctx.element(parentId) : undefined;
    }
  }
}

function isInnerOfLoop(e: ElementInstanceRecord): boolean {
  return e.data.loopIndex !== undefined;
}
