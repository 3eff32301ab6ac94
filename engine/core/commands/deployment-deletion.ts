import type { DeployedDefinition } from '../definitions/definition-record.js';
import { ConflictError, NotFoundError } from '../errors/index.js';
import type { CommandScope } from './command-scope.js';
import { replaceStartEvents } from './deploy.js';

/** the running instances a deployment's definitions have (for cascade=true to delete first) */
export async function runningInstancesOfDeployment(scope: CommandScope, deploymentId: string): Promise<string[]> {
  const found = await scope.tx.findDeployment(deploymentId);
  return found ? scope.tx.runningInstanceIds(found.definitions.map((d) => d.id)) : [];
}

/**
 * DELETE /deployment/{id}: removes a deployment whose definitions have no running instance (as
 * Camunda 7 refuses one with running instances unless cascade=true, which deletes them first), and
 * with `cascade` their history too. A deleted latest version gives its timer, message and signal
 * start events back to the version before it, as Camunda 7 does.
 */
export async function deleteDeployment(scope: CommandScope, deploymentId: string, cascade: boolean): Promise<void> {
  const found = await scope.tx.findDeployment(deploymentId);
  if (!found) throw new NotFoundError(`Deployment with id '${deploymentId}' does not exist`);
  const definitionIds = found.definitions.map((d) => d.id);
  const running = await scope.tx.runningInstanceIds(definitionIds);
  if (running.length > 0) {
    throw new ConflictError(
      `Expected deployment '${deploymentId}' to have no running process instances, but it has ${running.length}: delete them first, or delete the deployment with cascade=true`,
    );
  }
  const keys = [...new Set(found.definitions.map((d) => d.key))];
  const tenantId = found.deployment.tenantId;
  const latestBefore = await scope.tx.latestDefinitionIds(keys, tenantId);
  await scope.tx.removeDeployment(deploymentId, definitionIds, { history: cascade });
  const latestAfter = await scope.tx.latestDefinitionIds(keys, tenantId);
  const successors: DeployedDefinition[] = [];
  for (const key of keys) {
    const next = definitionIds.includes(latestBefore.get(key) ?? '') ? latestAfter.get(key) : undefined;
    const successor = next ? await scope.tx.findDefinition({ by: 'id', id: next }) : null;
    if (successor) successors.push(successor);
  }
  await replaceStartEvents(scope, definitionIds, successors);
}
