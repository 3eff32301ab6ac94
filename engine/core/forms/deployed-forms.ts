import type { ProcessDefinitionRecord } from '../definitions/definition-record.js';
import { NotFoundError } from '../errors/index.js';
import type { Clock } from '../ports/clock.js';
import type { DefinitionRef, EngineStore } from '../ports/engine-store.js';
import { findDeployedForm, type DeployedForm, type FormReference } from './deployed-form.js';
import { startFormReference } from './start-form.js';

/** The read side of Camunda Forms: which form a task or start event has, and its deployed content. */
export class DeployedForms {
  constructor(
    private readonly store: EngineStore,
    private readonly clock: Clock,
  ) {}

  ofTask(taskId: string): Promise<DeployedForm> {
    return this.store.transaction(async (tx) => {
      const instanceId = await tx.instanceIdOfTask(taskId);
      const task = instanceId ? (await tx.loadInstance(instanceId))?.tasks.find((t) => t.id === taskId) : undefined;
      if (!task) throw new NotFoundError(`No matching task with id ${taskId}`);
      const definition = await tx.findDefinition({ by: 'id', id: task.definitionId });
      if (!definition) throw new NotFoundError(`No matching definition with id ${task.definitionId}`);
      return findDeployedForm(tx, task, { ...owner(definition.record), description: `task '${taskId}'` });
    });
  }

  /** the start form's key or formRef (GET .../startForm) */
  startForm(ref: DefinitionRef): Promise<{ definition: ProcessDefinitionRecord; reference: FormReference }> {
    return this.store.transaction(async (tx) => {
      const definition = await tx.findDefinition(ref);
      if (!definition) throw new NotFoundError(`No matching process definition ${describe(ref)}`);
      return { definition: definition.record, reference: startFormReference(definition.graph, () => this.clock.now()) };
    });
  }

  ofStartEvent(ref: DefinitionRef): Promise<DeployedForm> {
    return this.store.transaction(async (tx) => {
      const definition = await tx.findDefinition(ref);
      if (!definition) throw new NotFoundError(`No matching process definition ${describe(ref)}`);
      const reference = startFormReference(definition.graph, () => this.clock.now());
      return findDeployedForm(tx, reference, { ...owner(definition.record), description: `the start event of '${definition.record.id}'` });
    });
  }
}

function owner(definition: ProcessDefinitionRecord) {
  return { deploymentId: definition.deploymentId, tenantId: definition.tenantId };
}

function describe(ref: DefinitionRef): string {
  return ref.by === 'id' ? `with id ${ref.id}` : `with key '${ref.key}'`;
}
