import { BadUserRequestError, NotFoundError } from '../errors/index.js';
import type { EngineTransaction } from '../ports/engine-store.js';
import type { CamundaFormRef } from './form-definition.js';
import { deployedResourceOf } from './form-key.js';

/** What a task or start event says about its form. */
export interface FormReference {
  readonly formKey: string | null;
  readonly formRef: CamundaFormRef | null;
}

export interface DeployedForm {
  readonly resourceName: string;
  readonly content: string;
}

/** where the form is looked up: the deployment and tenant of the process definition */
export interface FormOwner {
  readonly deploymentId: string;
  readonly tenantId: string | null;
  /** for messages: "task 'abc'", "the start event of 'deal-approval:1:x'" */
  readonly description: string;
}

/**
 * The deployed form a task or start event references, as Camunda's deployed-form commands find
 * it: a `[camunda-forms:|embedded:]deployment:<name>` key names a resource of the definition's
 * deployment; a formRef finds the form by id in the same deployment, or its latest or given version.
 */
export async function findDeployedForm(tx: EngineTransaction, reference: FormReference, owner: FormOwner): Promise<DeployedForm> {
  if (reference.formKey) {
    const resourceName = deployedResourceOf(reference.formKey);
    if (!resourceName) throw new BadUserRequestError(`The form key '${reference.formKey}' of ${owner.description} does not reference a deployed form: expected 'camunda-forms:deployment:<resource name>'`);
    const resource = await tx.findResource(owner.deploymentId, resourceName);
    if (!resource) throw new NotFoundError(`The form with the resource name '${resourceName}' cannot be found in deployment with id ${owner.deploymentId}`);
    return { resourceName: resource.name, content: resource.content };
  }
  if (reference.formRef) return findByFormRef(tx, reference.formRef, owner);
  throw new NotFoundError(`No deployed form for ${owner.description}: it has neither camunda:formKey nor camunda:formRef`);
}

async function findByFormRef(tx: EngineTransaction, ref: CamundaFormRef, owner: FormOwner): Promise<DeployedForm> {
  if (ref.binding === 'deployment') {
    const found = (await tx.formResources(owner.deploymentId)).find((r) => formIdOf(r.content) === ref.key);
    if (found) return { resourceName: found.name, content: found.content };
  } else {
    const definition = ref.binding === 'version'
      ? await tx.findFormDefinition({ by: 'version', key: ref.key, version: ref.version ?? 0, tenantId: owner.tenantId })
      : await tx.findFormDefinition({ by: 'latest', key: ref.key, tenantId: owner.tenantId });
    const resource = definition ? await tx.findResource(definition.deploymentId, definition.resourceName) : null;
    if (resource) return { resourceName: resource.name, content: resource.content };
  }
  const version = ref.binding === 'version' ? `, version ${ref.version}` : '';
  const where = ref.binding === 'deployment' ? ` in deployment ${owner.deploymentId}` : '';
  throw new NotFoundError(`No Camunda Form Definition was found for Camunda Form Ref: key '${ref.key}', binding '${ref.binding}'${version}${where}`);
}

function formIdOf(content: string): string | null {
  try {
    const id = (JSON.parse(content) as { id?: unknown }).id;
    return typeof id === 'string' ? id.trim() : null;
  } catch {
    return null;
  }
}
