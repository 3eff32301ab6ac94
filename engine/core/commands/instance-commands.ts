import type { DeployedDefinition } from '../definitions/definition-record.js';
import { NotFoundError } from '../errors/index.js';
import type { ProcessInstanceRecord } from '../execution/records.js';
import type { DefinitionRef } from '../ports/engine-store.js';
import type { TypedValue } from '../variables/index.js';
import type { CommandScope } from './command-scope.js';
import type { StartInstruction } from './modification-commands.js';
import { createInstance } from './start-instance.js';

export interface StartRequest {
  readonly definition: DefinitionRef;
  readonly businessKey: string | null;
  readonly variables: ReadonlyMap<string, TypedValue>;
  readonly startUserId?: string | null;
  /** Camunda's `startInstructions`: start at these activities instead of the start event */
  readonly startInstructions?: readonly StartInstruction[];
  /** Camunda's `skipCustomListeners`, honoured (as in Camunda) only with `startInstructions` */
  readonly skipCustomListeners?: boolean;
}

export interface StartedInstance {
  readonly instance: ProcessInstanceRecord;
  readonly definition: DeployedDefinition;
  readonly ended: boolean;
  readonly variables: ReadonlyMap<string, TypedValue>;
}

export async function startProcessInstance(scope: CommandScope, request: StartRequest): Promise<StartedInstance> {
  const definition = await scope.definition(request.definition);
  if (!definition) throw new NotFoundError(describeMissing(request.definition));
  const started = createInstance(scope, {
    definition,
    businessKey: request.businessKey,
    variables: request.variables,
    startUserId: request.startUserId ?? null,
    ...(request.startInstructions ? { startInstructions: request.startInstructions } : {}),
    ...(request.skipCustomListeners ? { skipCustomListeners: true } : {}),
  });
  await scope.settle(started.ctx);
  return {
    instance: started.aggregate.instance,
    definition,
    ended: started.aggregate.hasEnded,
    variables: started.ctx.variablesAtEnd ?? started.ctx.variables.visible(started.aggregate.id),
  };
}

export interface DeletionOptions {
  /** Camunda's `skipCustomListeners`: the cancelled activities' and the process's `end` listeners (and tasks' `delete` listeners) do not run */
  readonly skipCustomListeners?: boolean;
}

export async function deleteProcessInstance(scope: CommandScope, instanceId: string, reason: string | null, options: DeletionOptions = {}): Promise<void> {
  const loaded = await scope.requireInstance(instanceId);
  if (options.skipCustomListeners) loaded.ctx.skipCustomListeners();
  loaded.ctx.endProcess('EXTERNALLY_TERMINATED', reason ?? 'deleted', null);
  await scope.settle(loaded.ctx);
}

/** sets (and removes) process variables, as PUT/POST /process-instance/{id}/variables do */
export async function modifyProcessVariables(
  scope: CommandScope,
  instanceId: string,
  modifications: ReadonlyMap<string, TypedValue>,
  deletions: readonly string[],
): Promise<void> {
  const loaded = await scope.requireInstance(instanceId);
  loaded.ctx.variables.setLocalAll(instanceId, modifications);
  for (const name of deletions) loaded.ctx.variables.remove(instanceId, name);
  await scope.settle(loaded.ctx);
}

function describeMissing(ref: DefinitionRef): string {
  switch (ref.by) {
    case 'id':
      return `No process definition found for id '${ref.id}'`;
    case 'latest':
      return `No matching process definition with key '${ref.key}'${ref.tenantId ? ` and tenant-id '${ref.tenantId}'` : ' and no tenant-id'}`;
    default:
      return `No matching process definition with key '${ref.key}'`;
  }
}
