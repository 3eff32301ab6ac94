import type { DeployedDefinition } from '../definitions/definition-record.js';
import { BadUserRequestError } from '../errors/index.js';
import { InstanceAggregate } from '../execution/instance-aggregate.js';
import type { ElementInstanceData, ProcessInstanceRecord } from '../execution/records.js';
import { nodeOf } from '../model/graph.js';
import { instantiatingEntryOf } from '../model/instantiating-elements.js';
import type { TypedValue } from '../variables/index.js';
import type { CommandScope, LoadedInstance } from './command-scope.js';
import { startAt, type StartInstruction } from './modification-commands.js';

export interface NewInstanceRequest {
  readonly definition: DeployedDefinition;
  readonly businessKey: string | null;
  readonly variables: ReadonlyMap<string, TypedValue>;
  /** the start event to enter through; default: the none start event */
  readonly startEventId?: string;
  readonly startUserId?: string | null;
  readonly superInstanceId?: string;
  readonly superElementInstanceId?: string;
  readonly rootInstanceId?: string;
  /**
   * Camunda's `startInstructions`: the instance starts at these activities or sequence flows, in
   * order, instead of through a start event (none given: through the start event)
   */
  readonly startInstructions?: readonly StartInstruction[];
  /** with `startInstructions`: no listener of the new instance runs in this command (Camunda's `skipCustomListeners`) */
  readonly skipCustomListeners?: boolean;
}

/**
 * Creates a process instance and runs it to its first wait states (not settling effects:
 * the caller does, so a called instance runs inside its parent's command).
 */
export function createInstance(scope: CommandScope, request: NewInstanceRequest): LoadedInstance {
  const { definition } = request;
  if (definition.record.suspended) {
    throw new BadUserRequestError(`Cannot start process instance: process definition '${definition.record.id}' is suspended`);
  }
  const instructions = request.startInstructions ?? [];
  if (instructions.length > 0) return createInstanceAt(scope, request, instructions);
  const startEventId = request.startEventId ?? definition.graph.scope.noneStartEvent;
  if (!startEventId) {
    throw new BadUserRequestError(`Cannot start process '${definition.record.key}' without a trigger: it has no none start event`);
  }
  const entryId = instantiatingEntryOf(definition.graph.instantiating, startEventId)?.entryId ?? startEventId;
  const loaded = adoptNewInstance(scope, request, { triggeredBy: startEventId }, nodeOf(definition.graph, entryId).id);
  loaded.ctx.enter(loaded.aggregate.id);
  return loaded;
}

/** the instance starts where its instructions say; an instruction naming nothing in the process fails the start, which then writes nothing */
function createInstanceAt(scope: CommandScope, request: NewInstanceRequest, instructions: readonly StartInstruction[]): LoadedInstance {
  const { graph } = request.definition;
  const first = instructions[0]!;
  const firstActivityId = first.type === 'startTransition' ? (graph.flows.get(first.transitionId)?.targetId ?? first.transitionId) : first.activityId;
  const loaded = adoptNewInstance(scope, request, { startedAtInstructions: true }, firstActivityId);
  if (request.skipCustomListeners) loaded.ctx.skipCustomListeners();
  loaded.ctx.enter(loaded.aggregate.id);
  instructions.forEach((instruction, index) => startAt(loaded.ctx, instruction, `start instruction ${index + 1} (${instruction.type})`));
  return loaded;
}

/** the instance's record, its root element instance (not yet entered), its start in history and its variables */
function adoptNewInstance(scope: CommandScope, request: NewInstanceRequest, rootData: ElementInstanceData, startActivityId: string): LoadedInstance {
  const { definition } = request;
  const id = scope.newId();
  const instance: ProcessInstanceRecord = {
    id,
    definitionId: definition.record.id,
    definitionKey: definition.record.key,
    businessKey: request.businessKey,
    rootInstanceId: request.rootInstanceId ?? id,
    superInstanceId: request.superInstanceId ?? null,
    superElementInstanceId: request.superElementInstanceId ?? null,
    state: 'ACTIVE',
    suspended: false,
    startTime: scope.now(),
    startUserId: request.startUserId ?? null,
    tenantId: definition.record.tenantId,
  };
  const loaded = scope.adopt(InstanceAggregate.create(instance), definition);
  const { aggregate, ctx } = loaded;
  aggregate.elements.insert({
    id,
    processInstanceId: id,
    parentId: null,
    elementId: definition.graph.id,
    kind: 'process',
    state: 'ACTIVATING',
    startTime: instance.startTime,
    data: rootData,
  });
  ctx.history.processStarted(instance, startActivityId);
  ctx.variables.setLocalAll(id, request.variables);
  return loaded;
}
