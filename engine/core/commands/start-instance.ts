import type { DeployedDefinition } from '../definitions/definition-record.js';
import { BadUserRequestError } from '../errors/index.js';
import { InstanceAggregate } from '../execution/instance-aggregate.js';
import type { ProcessInstanceRecord } from '../execution/records.js';
import { nodeOf } from '../model/graph.js';
import { instantiatingEntryOf } from '../model/instantiating-elements.js';
import type { TypedValue } from '../variables/index.js';
import type { CommandScope, LoadedInstance } from './command-scope.js';

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
  const startEventId = request.startEventId ?? definition.graph.scope.noneStartEvent;
  if (!startEventId) {
    throw new BadUserRequestError(`Cannot start process '${definition.record.key}' without a trigger: it has no none start event`);
  }
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
    data: { triggeredBy: startEventId },
  });
  const entryId = instantiatingEntryOf(definition.graph.instantiating, startEventId)?.entryId ?? startEventId;
  ctx.history.processStarted(instance, nodeOf(definition.graph, entryId).id);
  ctx.variables.setLocalAll(id, request.variables);
  ctx.enter(id);
  return loaded;
}
