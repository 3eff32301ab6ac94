import { ParseError, type ParseIssue } from '../errors/index.js';
import type { ProcessGraph } from '../model/graph.js';
import { deployedResourceOf, isCamundaFormsKey } from './form-key.js';

/** A form a user task or start event takes from its own deployment: by form id or by resource name. */
export type DeploymentFormLink =
  | { readonly elementId: string; readonly formId: string }
  | { readonly elementId: string; readonly resourceName: string };

/** literal `camunda:formRef` with binding deployment, and `camunda-forms:deployment:<name>` form keys */
export function deploymentFormLinks(graph: ProcessGraph): DeploymentFormLink[] {
  const links: DeploymentFormLink[] = [];
  for (const node of graph.nodes.values()) {
    const spec = node.userTask;
    if (!spec) continue;
    if (spec.formRef?.binding === 'deployment' && spec.formRef.key.isLiteral) links.push({ elementId: node.id, formId: spec.formRef.key.source });
    const key = spec.formKey?.isLiteral ? spec.formKey.source : null;
    const resourceName = key && isCamundaFormsKey(key) ? deployedResourceOf(key) : null;
    if (resourceName) links.push({ elementId: node.id, resourceName });
  }
  return links;
}

export interface DeploymentForms {
  /** form id -> resource name */
  readonly formIds: ReadonlyMap<string, string>;
  readonly resourceNames: ReadonlySet<string>;
}

/**
 * Camunda resolves these lazily, when a task asks for its form; refusing them at deploy tells the
 * analyst at once that the form was not deployed with the model.
 */
export function checkDeploymentFormLinks(resourceName: string, graphs: readonly ProcessGraph[], deployment: DeploymentForms): void {
  const issues: ParseIssue[] = [];
  for (const link of graphs.flatMap(deploymentFormLinks)) {
    if ('formId' in link && !deployment.formIds.has(link.formId)) {
      issues.push({ elementId: link.elementId, message: `Expected a form with id '${link.formId}' in the deployment (camunda:formRef with binding deployment), but the deployment has ${describeForms(deployment)}` });
    }
    if ('resourceName' in link && !deployment.resourceNames.has(link.resourceName)) {
      issues.push({ elementId: link.elementId, message: `Expected the resource '${link.resourceName}' in the deployment (camunda:formKey camunda-forms:deployment:${link.resourceName}), but the deployment has ${describeForms(deployment)}` });
    }
  }
  if (issues.length > 0) throw new ParseError(resourceName, issues);
}

function describeForms(deployment: DeploymentForms): string {
  const forms = [...deployment.formIds].map(([id, resource]) => `'${id}' (${resource})`);
  return forms.length > 0 ? `the forms ${forms.join(', ')}` : 'no form';
}
